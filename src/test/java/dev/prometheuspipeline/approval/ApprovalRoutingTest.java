package dev.prometheuspipeline.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prometheuspipeline.approval.ApprovalRouting.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalRoutingTest {
  private static final Route DEFAULT = new Route("ms-produto", 1, "one approver from ms-produto");

  @Test
  void theDefaultAloneAsksOneApprover() {
    assertThat(ApprovalRouting.of(List.of(DEFAULT)))
        .isEqualTo(new ApprovalRouting("ms-produto", 1, "one approver from ms-produto"));
  }

  @Test
  void theHighestQuorumWinsWithTheReasonsAndGroupsOfEveryRuleAskingForIt() {
    ApprovalRouting routing = ApprovalRouting.of(List.of(DEFAULT,
        new Route("ms-produto", 2, "breaking release"),
        new Route("ms-produto, arquitetura", 2, "waived criteria: coverage")));

    assertThat(routing).isEqualTo(
        new ApprovalRouting("ms-produto,arquitetura", 2, "breaking release; waived criteria: coverage"));
  }

  @Test
  void aDecisionThatFiredNoRuleIsABrokenModel() {
    assertThatThrownBy(() -> ApprovalRouting.of(List.of())).isInstanceOf(ApprovalException.class)
        .hasMessageContaining("approvalRouting").hasMessageContaining("no rule applied");
  }

  @Test
  void aRuleMustNameGroupsABoundedQuorumAndAReason() {
    assertThatThrownBy(() -> new Route(" ", 1, "x")).hasMessageContaining("no candidate groups");
    assertThatThrownBy(() -> new Route("ms-produto", 0, "x")).hasMessageContaining("quorum 0");
    assertThatThrownBy(() -> new Route("ms-produto", ApprovalRouting.MAX_QUORUM + 1, "x"))
        .hasMessageContaining("1 to " + ApprovalRouting.MAX_QUORUM);
    assertThatThrownBy(() -> new Route("ms-produto", 2, "")).hasMessageContaining("no reason");
  }
}
