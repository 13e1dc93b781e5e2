package dev.prometheuspipeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EngineAuthenticationFilterTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private static final Duration KEPT = Duration.ofMillis(400);
  private final EngineAuthenticationFilter filter = new EngineAuthenticationFilter(KEPT);

  @BeforeEach
  void frank() {
    IdentityService identity = engine.getIdentityService();
    identity.saveUser(identity.newUser("frank"));
    identity.saveGroup(identity.newGroup("auditors"));
    identity.createMembership("frank", "auditors");
    identity.saveTenant(identity.newTenant("north"));
    identity.createTenantUserMembership("north", "frank");
  }

  @AfterEach
  void noFrank() {
    IdentityService identity = engine.getIdentityService();
    identity.deleteUser("frank");
    identity.deleteGroup("auditors");
    identity.deleteGroup("approvers");
    identity.deleteTenant("north");
    identity.deleteTenant("south");
  }

  @Test
  void theAddressedEngineIsTheOneCamundasOwnLookUpFinds() {
    assertThat(filter.getAddressedEngine(null)).isSameAs(EngineUtil.lookupProcessEngine(null));
    String name = engine.getProcessEngine().getName();
    assertThat(filter.getAddressedEngine(name)).isSameAs(EngineUtil.lookupProcessEngine(name))
        .isSameAs(engine.getProcessEngine());
    assertThat(filter.getAddressedEngine(name)).as("found once, asked again").isSameAs(engine.getProcessEngine());
  }

  @Test
  void aMembershipChangeReachesTheFilterOnceTheKeptAnswerExpires() throws InterruptedException {
    assertThat(filter.getGroupsOfUser(engine.getProcessEngine(), "frank")).containsExactly("auditors");
    assertThat(filter.getTenantsOfUser(engine.getProcessEngine(), "frank")).containsExactly("north");

    IdentityService identity = engine.getIdentityService();
    identity.saveGroup(identity.newGroup("approvers"));
    identity.createMembership("frank", "approvers");
    identity.deleteMembership("frank", "auditors");
    identity.saveTenant(identity.newTenant("south"));
    identity.createTenantUserMembership("south", "frank");

    // Within the kept time, the answer of the first request: no query per request.
    assertThat(filter.getGroupsOfUser(engine.getProcessEngine(), "frank")).containsExactly("auditors");
    assertThat(filter.getTenantsOfUser(engine.getProcessEngine(), "frank")).containsExactly("north");

    Thread.sleep(KEPT.toMillis() + 100);
    assertThat(filter.getGroupsOfUser(engine.getProcessEngine(), "frank")).containsExactly("approvers");
    assertThat(filter.getTenantsOfUser(engine.getProcessEngine(), "frank")).containsExactlyInAnyOrder("north", "south");
  }

  @Test
  void eachRequestGetsAListOfItsOwn() {
    var first = filter.getGroupsOfUser(engine.getProcessEngine(), "frank");
    first.add("admins");
    assertThat(filter.getGroupsOfUser(engine.getProcessEngine(), "frank")).containsExactly("auditors");
  }

  @Test
  void usersAreKeptApart() {
    IdentityService identity = engine.getIdentityService();
    identity.saveUser(identity.newUser("grace"));
    try {
      assertThat(filter.getGroupsOfUser(engine.getProcessEngine(), "frank")).containsExactly("auditors");
      assertThat(filter.getGroupsOfUser(engine.getProcessEngine(), "grace")).isEmpty();
    } finally {
      identity.deleteUser("grace");
    }
  }
}
