package dev.prometheuspipeline.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.rollback.ReleaseRollback;
import dev.prometheuspipeline.rollback.RollbackRequests;
import dev.prometheuspipeline.run.Approvals;
import dev.prometheuspipeline.run.ReleaseRecord;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.ReleaseService;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunDeployments;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.run.RunReports;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The API's JSON for a release: the contract's resultados, the approval, and its history. */
@Profile("!worker")
@Component
class ReleaseViews {
  private final ReleaseRuns runs;
  private final RunArtifacts artifacts;
  private final RunHistory history;
  private final RunDeployments deployments;
  private final RunReports reports;
  private final RollbackRequests rollbacks;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final ObjectMapper json;
  private final TransactionTemplate oneConnection;

  ReleaseViews(ReleaseRuns runs, RunArtifacts artifacts, RunHistory history,
      RunDeployments deployments, RunReports reports, RollbackRequests rollbacks, RuntimeService runtime,
      IdentityService identity, ObjectMapper json, PlatformTransactionManager transactions) {
    this.runs = runs;
    this.artifacts = artifacts;
    this.history = history;
    this.deployments = deployments;
    this.reports = reports;
    this.rollbacks = rollbacks;
    this.runtime = runtime;
    this.identity = identity;
    this.json = json;
    this.oneConnection = new TransactionTemplate(transactions);
  }

  ObjectNode summary(ReleaseRun run) {
    return json.createObjectNode()
        .put("id", run.id())
        .put("release_ref", run.releaseRef())
        .put("state", run.state().wireName())
        .put("requested_by", run.requestedBy())
        .put("trigger", run.trigger().wireName())
        .put("created_at", run.createdAt().toString())
        .put("updated_at", run.updatedAt().toString());
  }

  /** The view of a run just changed by this request, such as a decision: read again, as a reader would see it. */
  ObjectNode full(ReleaseRun run) {
    return full(run.id()).orElseThrow(() -> new IllegalStateException("run " + run.id() + " is not stored"));
  }

  /** Release {@code id} with its stages, decision, artifacts, incidents and history; empty when there is none. */
  Optional<ObjectNode> full(String id) {
    // One connection for all the view's statements, the engine's included: under load every borrow from the pool
    // waits its turn in the pool's queue, and the view would otherwise borrow once per table.
    return oneConnection.execute(status -> runs.record(id).map(this::full));
  }

  private ObjectNode full(ReleaseRecord record) {
    ReleaseRun run = record.run();
    ObjectNode view = summary(run);
    view.put("state_reason", run.stateReason());
    view.put("sprint_origem", run.sprintOrigem());
    view.put("process_instance_id", run.processInstanceId());
    view.set("contexto", record.contexto());
    view.set("validar", record.resultados().getOrDefault(Modo.VALIDAR, json.nullNode()));
    view.set("implantar", record.resultados().getOrDefault(Modo.IMPLANTAR, json.nullNode()));
    view.set("aprovacao", record.approval()
        .<JsonNode>map(a -> json.createObjectNode()
            .put("aprovado", a.aprovado())
            .put("por", a.por())
            .put("comentario", a.comentario())
            .put("em", a.em().toString()))
        .orElse(json.nullNode()));
    view.set("aprovacoes", awaitedApprovals(run));
    view.set("rollback", rollbacks.current(run.id())
        .<JsonNode>map(this::rollback).orElse(json.nullNode()));
    ArrayNode artifactsList = view.putArray("artifacts");
    this.artifacts.fetchedWithoutContent(run.id()).forEach(f -> artifactsList.addObject()
        .put("tipo", f.type().wireName())
        .put("path", f.path())
        .put("sha", f.artifact().sha())
        .put("sha256", f.digest())
        .put("size_bytes", f.sizeBytes()));
    ArrayNode deploymentsList = view.putArray("deployments");
    this.deployments.deployments(run.id()).forEach(d -> deploymentsList.addObject()
        .put("product", d.product())
        .put("deployment_id", d.deploymentId())
        .put("deployment_name", d.deploymentName())
        .put("created", d.created())
        .put("target", d.targetUrl())
        .put("deployed_at", d.deployedAt().toString()));
    ArrayNode reportsList = view.putArray("reports");
    this.reports.reports(run.id()).forEach(r -> reportsList.addObject()
        .put("id", r.id())
        .put("kind", r.kind())
        .put("href", RunReports.link(run.id(), r.id())));
    ArrayNode incidents = view.putArray("incidents");
    openIncidents(run).forEach(incident -> incidents.addObject()
        .put("activity", incident.getActivityId())
        .put("message", incident.getIncidentMessage())
        .put("since", incident.getIncidentTimestamp().toInstant().toString())
        .put("process_instance_id", incident.getProcessInstanceId()));
    ArrayNode historyList = view.putArray("history");
    this.history.events(run.id()).forEach(e -> historyList.addObject()
        .put("at", e.at().toString())
        .put("kind", e.kind())
        .put("message", e.message()));
    return view;
  }

  /** A manual rollback: {@code state} is awaiting_approval, running, failed, rolled_back, rejected, expired or cancelled. */
  ObjectNode rollback(ReleaseRollback rollback) {
    return json.createObjectNode()
        .put("id", rollback.id())
        .put("state", rollback.state().wireName())
        .put("state_reason", rollback.stateReason())
        .put("requested_by", rollback.requestedBy())
        .put("motivo", rollback.motivo())
        .put("requested_at", rollback.requestedAt().toString())
        .put("updated_at", rollback.updatedAt().toString());
  }

  /**
   * While a release waits for its approval: how many distinct approvers it needs, who approved so far and
   * why this many. Read through a query, which leaves out what the caller may not read instead of failing.
   */
  private JsonNode awaitedApprovals(ReleaseRun run) {
    if (run.state() != ReleaseState.AWAITING_APPROVAL || run.processInstanceId().isEmpty()) {
      return json.nullNode();
    }
    Map<String, Object> variables = new HashMap<>();
    runtime.createVariableInstanceQuery().processInstanceIdIn(run.processInstanceId())
        .variableNameIn(Approvals.VARIABLES.toArray(String[]::new)).list()
        .forEach(variable -> variables.put(variable.getName(), variable.getValue()));
    Approvals approvals = Approvals.of(variables);
    ObjectNode view = json.createObjectNode().put("quorum", approvals.quorum());
    approvals.approvers().forEach(view.putArray("aprovadores")::add);
    return view.put("motivo", approvals.reason());
  }

  /**
   * Technical failures that used up their retries wait in Cockpit for someone to fix and retry them;
   * the release stays running meanwhile, so say why here too. A failure in a called process (the stages run in
   * validar and implantar) also raises an incident on each calling activity, pointing to it: the release's own
   * instance holds one for every failure below it, and each is shown once, where it happened.
   *
   * <p>Whether there is any is asked first as the pipeline: a count without the caller's authorization checks,
   * which cost a query of their own and a join on every row, is the whole work when there is none, which is
   * nearly always (this view is read far more often than anything fails). Only then are they listed as the
   * caller, who sees those their authorizations let them read.
   */
  private List<Incident> openIncidents(ReleaseRun run) {
    if (!run.state().isActive() || run.processInstanceId().isEmpty()
        || ReleaseService.asPipeline(identity,
            () -> runtime.createIncidentQuery().processInstanceId(run.processInstanceId()).count()) == 0) {
      return List.of();
    }
    Map<String, Incident> byRootCause = new LinkedHashMap<>();
    for (Incident incident : runtime.createIncidentQuery().processInstanceId(run.processInstanceId()).list()) {
      String root = incident.getRootCauseIncidentId();
      if (incident.getId().equals(root)) {
        byRootCause.putIfAbsent(root, incident);
      } else if (!byRootCause.containsKey(root)) {
        Incident cause = runtime.createIncidentQuery().incidentId(root).singleResult();
        byRootCause.put(root, cause != null ? cause : incident);
      }
    }
    return new ArrayList<>(byRootCause.values());
  }
}
