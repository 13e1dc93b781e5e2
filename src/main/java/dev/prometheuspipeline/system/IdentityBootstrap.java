package dev.prometheuspipeline.system;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import dev.prometheuspipeline.approval.ApprovalProperties;
import dev.prometheuspipeline.backlog.BacklogProperties;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Makes sure the people and services that use the pipeline exist, with only the rights they need:
 * the administrator, the approvers' groups, and the workers' service user. Runs before the workers
 * start polling (they open on ApplicationStartedEvent), and is idempotent across restarts and nodes.
 */
@Profile("!worker")
@Component
class IdentityBootstrap implements SmartInitializingSingleton {
  static final String WORKERS_GROUP = "pipeline-workers";
  static final String APPROVALS_FILTER = "Release approvals";
  static final String ROLLBACK_APPROVALS_FILTER = "Rollback approvals";
  static final String WAIVERS_FILTER = "Gate waivers";
  /** Waives failed criteria of the Regra de Ouro ({@code Task_WaiveCriteria}); never the release's author. */
  static final String WAIVERS_GROUP = "release-admin";

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final ProcessEngine engine;
  private final AccessProperties access;
  private final ApprovalProperties approval;
  private final WorkerCredentials worker;
  private final WorkerAccessProperties workerAccess;
  private final BacklogProperties backlog;

  IdentityBootstrap(ProcessEngine engine, AccessProperties access, ApprovalProperties approval,
      WorkerCredentials worker, WorkerAccessProperties workerAccess, BacklogProperties backlog) {
    this.engine = engine;
    this.identity = engine.getIdentityService();
    this.authorizations = engine.getAuthorizationService();
    this.filters = engine.getFilterService();
    this.access = access;
    this.approval = approval;
    this.worker = worker;
    this.workerAccess = workerAccess;
    this.backlog = backlog;
  }

  @Override
  public void afterSingletonsInstantiated() {
    ensureGroup(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    for (Resources resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, "*", Permissions.ALL);
    }
    ensureAdministrator();

    for (String approvers : List.of(approval.group(), approval.escalationGroup(), WAIVERS_GROUP)) {
      ensureGroup(approvers, WAIVERS_GROUP.equals(approvers) ? "Release administrators (waive failed gate criteria)"
          : "Release approvers (" + approvers + ")", "WORKFLOW");
      grant(approvers, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      for (String process : List.of("release", "rollback")) {
        grant(approvers, Resources.PROCESS_DEFINITION, process,
            Permissions.READ, Permissions.READ_TASK, Permissions.READ_HISTORY);
      }
    }
    ensureApprovalsFilter(APPROVALS_FILTER, "release", "Task_ApproveRelease", "Releases waiting for your approval",
        List.of(Map.of("name", "releaseRef", "label", "Release"),
            Map.of("name", "requestedBy", "label", "Requested by"),
            Map.of("name", "gateVerdict", "label", "Regra de Ouro")));
    ensureApprovalsFilter(WAIVERS_FILTER, "release", "Task_WaiveCriteria",
        "Releases whose Regra de Ouro failed, waiting for a waiver or a refusal",
        List.of(Map.of("name", "releaseRef", "label", "Release"),
            Map.of("name", "requestedBy", "label", "Requested by"),
            Map.of("name", "gateFailedCriteria", "label", "Failed criteria")));
    ensureApprovalsFilter(ROLLBACK_APPROVALS_FILTER, "rollback", "Task_ApproveRollback",
        "Rollbacks of verified releases waiting for your approval",
        List.of(Map.of("name", "releaseRef", "label", "Release"),
            Map.of("name", "requestedBy", "label", "Requested by"),
            Map.of("name", "rollbackReason", "label", "Why")));

    ensureGroup(WORKERS_GROUP, "Pipeline workers (service)", Groups.GROUP_TYPE_SYSTEM);
    // Fetch, lock and complete external tasks; deploy to and verify this engine when it is the target.
    grant(WORKERS_GROUP, Resources.PROCESS_DEFINITION, "*",
        Permissions.READ, Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE);
    grant(WORKERS_GROUP, Resources.PROCESS_INSTANCE, "*", Permissions.READ, Permissions.UPDATE);
    grant(WORKERS_GROUP, Resources.DEPLOYMENT, "*", Permissions.CREATE, Permissions.READ);
    grant(WORKERS_GROUP, Resources.DECISION_DEFINITION, "*", Permissions.READ);
    // Implantar on this engine as its own target: roll back (delete an unused deployment, suspend a bad
    // version), smoke runs (start, complete, delete their own instances), and say who deployed beside the
    // pipeline (a deployment's operation log entry is in category Operator).
    grant(WORKERS_GROUP, Resources.DEPLOYMENT, "*", Permissions.DELETE);
    grant(WORKERS_GROUP, Resources.PROCESS_DEFINITION, "*", Permissions.CREATE_INSTANCE,
        ProcessDefinitionPermissions.SUSPEND);
    grant(WORKERS_GROUP, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE, Permissions.DELETE);
    grant(WORKERS_GROUP, Resources.TASK, "*", Permissions.READ, Permissions.UPDATE);
    grant(WORKERS_GROUP, Resources.OPERATION_LOG_CATEGORY, "Operator", UserOperationLogCategoryPermissions.READ);
    ensureUser(worker.username(), "Pipeline", "Worker", worker.password(), true);
    ensureMembership(worker.username(), WORKERS_GROUP);

    // Reads /actuator/prometheus and nothing else: no authorization in the engine.
    ensureGroup(MetricsScrapeAuthentication.METRICS_GROUP, "Metrics scrapers (service)", Groups.GROUP_TYPE_SYSTEM);
    if (access.metrics().hasPassword()) {
      ensureUser(access.metrics().username(), "Pipeline", "Metrics", access.metrics().password(), true);
      ensureMembership(access.metrics().username(), MetricsScrapeAuthentication.METRICS_GROUP);
    }
    ensureWorkerAccounts();
    ensureBacklogAccounts();
  }

  /**
   * The service accounts whose signed backlog rows the application trusts: each an engine user in exactly its
   * configured groups, so the engine's authorizations and four-eyes judge what it does. Its password is random
   * at every start and never shown: it acts through signed rows only, never by logging in.
   */
  private void ensureBacklogAccounts() {
    backlog.serviceAccounts().forEach((name, account) -> {
      if (name.equals(access.admin().username()) || name.equals(worker.username())
          || name.equals(access.metrics().username()) || workerAccess.workers().containsKey(name)) {
        throw new IllegalStateException("pipeline.backlog.service-accounts." + name + " names another user of the"
            + " application; give the backlog's service account a name of its own");
      }
      for (String group : account.groups()) {
        if (identity.createGroupQuery().groupId(group).count() == 0) {
          throw new IllegalStateException("pipeline.backlog.service-accounts." + name + ".groups names " + group
              + ", which is no group of this engine; create it in Admin or name an existing one (e.g. "
              + approval.group() + ")");
        }
      }
      ensureUser(name, "Backlog service", name, Secrets.generate(), true);
      for (Group stale : identity.createGroupQuery().groupMember(name).list()) {
        if (!account.groups().contains(stale.getId())) {
          identity.deleteMembership(name, stale.getId());
        }
      }
      account.groups().forEach(group -> ensureMembership(name, group));
      log.info("backlog service account '{}' acts for groups {}", name, account.groups());
    });
  }

  /**
   * The users of worker-only processes: fetch, lock, extend, complete and fail the external tasks of the
   * processes that carry their topics (READ_INSTANCE and UPDATE_INSTANCE on those definitions), in no group,
   * with nothing else. A grant left from topics since removed is deleted, so the rights follow the topics.
   */
  private void ensureWorkerAccounts() {
    if (workerAccess.workers().isEmpty()) {
      return;
    }
    TopicProcesses topics = TopicProcesses.ofProductModels();
    workerAccess.workers().forEach((name, account) -> {
      // Its other grants are deleted below: never an account that has to keep them.
      if (name.equals(access.admin().username()) || name.equals(worker.username())
          || name.equals(access.metrics().username())) {
        throw new IllegalStateException("pipeline.access.workers." + name + " names the administrator, the "
            + "in-app workers' or the metrics user; give the worker-only process a user of its own");
      }
      Set<String> processes = topics.processesOf(account.topics());
      ensureUser(name, "Pipeline worker", name, account.password(), true);
      for (Authorization stale : authorizations.createAuthorizationQuery().userIdIn(name).list()) {
        if (stale.getResourceType() != Resources.PROCESS_DEFINITION.resourceType()
            || !processes.contains(stale.getResourceId())) {
          authorizations.deleteAuthorization(stale.getId());
        }
      }
      for (String process : processes) {
        grant(null, name, Resources.PROCESS_DEFINITION, process, Permissions.READ_INSTANCE,
            Permissions.UPDATE_INSTANCE);
      }
      log.info("worker user '{}' may work on topics {} of processes {}", name, account.topics(), processes);
    });
  }

  private void ensureAdministrator() {
    AccessProperties.Account admin = access.admin();
    boolean exists = identity.createUserQuery().userId(admin.username()).count() > 0;
    if (!exists && !admin.hasPassword()) {
      String generated = Secrets.generate();
      ensureUser(admin.username(), "Pipeline", "Administrator", generated, false);
      // Shown once, like Jenkins' initial admin password: the only way to learn it. Change it in Admin.
      log.warn("""

          *************************************************************
          Administrator '{}' created with a generated password:

              {}

          It is shown only this once. Change it in Camunda Admin, or set
          PIPELINE_ADMIN_PASSWORD before the next start.
          *************************************************************""",
          admin.username(), generated);
    } else {
      ensureUser(admin.username(), "Pipeline", "Administrator",
          admin.hasPassword() ? admin.password() : null, admin.hasPassword());
    }
    ensureMembership(admin.username(), Groups.CAMUNDA_ADMIN);
  }

  /** Creates the user when missing; resets the password only when {@code resetPassword} is set. */
  private void ensureUser(String id, String first, String last, String password, boolean resetPassword) {
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user == null) {
      user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setPassword(password);
      identity.saveUser(user);
    } else if (resetPassword) {
      // Not checkPassword first: a failed check counts as a failed login, and enough of them lock the user.
      user.setPassword(password);
      identity.saveUser(user);
    }
  }

  private void ensureGroup(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  private void ensureMembership(String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    grant(groupId, null, resource, resourceId, permissions);
  }

  /** Grants to the group {@code groupId}, or when that is null to the user {@code userId}. */
  private void grant(String groupId, String userId, Resource resource, String resourceId,
      Permission... permissions) {
    AuthorizationQuery query = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT);
    Authorization existing = (groupId != null ? query.groupIdIn(groupId) : query.userIdIn(userId))
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization grant = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    if (existing == null) {
      grant.setGroupId(groupId);
      grant.setUserId(userId);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    }
    boolean missing = false;
    for (Permission permission : permissions) {
      if (!grant.isPermissionGranted(permission)) {
        grant.addPermission(permission);
        missing = true;
      }
    }
    if (missing) {
      authorizations.saveAuthorization(grant);
    }
  }

  private void ensureApprovalsFilter(String name, String processKey, String taskKey, String description,
      List<Map<String, String>> variables) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name)
          .setOwner(access.admin().username())
          .setQuery(engine.getTaskService().createTaskQuery()
              .processDefinitionKey(processKey)
              .taskDefinitionKey(taskKey)
              .taskCandidateGroupInExpression("${currentUserGroups()}")
              .includeAssignedTasks());
    }
    // Set at every start, so installations made before a change get it too. The variables are shown on
    // each entry of the task list: without them every waiting approval reads the same.
    filter.setProperties(Map.of(
        "description", description,
        "priority", -10,
        "refresh", true,
        "variables", variables));
    filters.saveFilter(filter);
    for (String approvers : List.of(approval.group(), approval.escalationGroup(), WAIVERS_GROUP,
        Groups.CAMUNDA_ADMIN)) {
      grant(approvers, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
