package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.RollbackEtapa.Acao;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes what a release deployed on one engine. A new deployment that no instance uses is deleted.
 * One that instances already use cannot be: the previous content of each of its resources is deployed
 * again, so that the previous version is the latest by key (Camunda 7 starts the latest version), and the
 * bad process versions are suspended, so nothing new starts on them while the running instances finish.
 *
 * <p>Every action can run twice with the same result, since the application may be killed in the
 * middle of a rollback and run it again: a deployment already deleted is done, a previous content already
 * latest deploys nothing (changed-only), a suspended definition stays suspended.
 */
public final class Rollback {
  private static final Logger log = LoggerFactory.getLogger(Rollback.class);
  static final String DONE = "done";
  static final String FAILED = "failed";

  private final TargetClients clients;

  public Rollback(TargetClients clients) {
    this.clients = requireNonNull(clients, "clients");
  }

  /**
   * @param created the deployments the release created on the target ({@code created} true), in order
   * @throws TargetException (retryable) when the target is down: that is not a verdict, try again later
   */
  public RollbackOutcome undo(CamundaTarget target, List<ProductDeployment> created) {
    TargetEngineClient engine = clients.connect(target);
    List<Acao> actions = new ArrayList<>();
    for (ProductDeployment deployment : created) {
      if (!deployment.created()) {
        continue;
      }
      try {
        actions.addAll(undo(engine, deployment));
      } catch (TargetException e) {
        if (e.isRetryable()) {
          throw e;
        }
        actions.add(new Acao("undo-deployment", deployment.deploymentId(), FAILED, e.getMessage()));
      }
    }
    RollbackOutcome outcome = new RollbackOutcome(actions);
    log.info("stage=rollback target={} outcome={} actions={} failed={}", target.restUrl(),
        outcome.succeeded() ? "rolled-back" : "incomplete", actions.size(), outcome.failures().size());
    return outcome;
  }

  private List<Acao> undo(TargetEngineClient engine, ProductDeployment bad) {
    String id = bad.deploymentId();
    if (engine.deployment(id).isEmpty()) {
      return List.of(new Acao("delete-deployment", id, DONE, "deployment " + id + " is no longer on the target"));
    }
    long running = engine.get("/process-instance/count", Map.of("deploymentId", id), TargetEngineClient.Count.class).count();
    if (running == 0) {
      try {
        engine.delete("/deployment/{id}", Map.of("id", id));
      } catch (TargetException e) {
        if (e.status().orElse(0) != 404) {
          throw e;
        }
      }
      return List.of(new Acao("delete-deployment", id, DONE, "deleted deployment " + id + " of '"
          + bad.deploymentName() + "': no process instance used it"));
    }
    List<Acao> actions = new ArrayList<>();
    actions.add(redeployPrevious(engine, bad, running));
    for (EngineResource resource : engine.resources(id)) {
      for (EngineDefinition definition : engine.processDefinitions(id, resource.name())) {
        engine.put("/process-definition/{id}/suspended", Map.of("id", definition.id()),
            Map.of("suspended", true, "includeProcessInstances", false));
        actions.add(new Acao("suspend-definition", definition.keyAndVersion(), DONE, "suspended "
            + definition.keyAndVersion() + ": no new instance starts on it; the " + running
            + " running instance(s) go on"));
      }
    }
    return actions;
  }

  /** The newest earlier content of each resource of {@code bad}, deployed again under its name. */
  private static Acao redeployPrevious(TargetEngineClient engine, ProductDeployment bad, long running) {
    List<EngineDeployment> newestFirst = engine.deployments(bad.deploymentName(), Deployer.SOURCE);
    int position = indexOf(newestFirst, bad.deploymentId());
    List<EngineDeployment> earlier = position < 0 ? List.of() : newestFirst.subList(position + 1, newestFirst.size());
    Map<String, DeploymentResource> previous = new LinkedHashMap<>();
    List<String> withoutEarlierVersion = new ArrayList<>();
    for (EngineResource resource : engine.resources(bad.deploymentId())) {
      Optional<DeploymentResource> found = earlierContent(engine, earlier, resource.name());
      found.ifPresentOrElse(r -> previous.put(r.name(), r), () -> withoutEarlierVersion.add(resource.name()));
    }
    String none = withoutEarlierVersion.isEmpty() ? "" : "; " + String.join(", ", withoutEarlierVersion)
        + " had no earlier version, so only suspending stops new instances of it";
    if (previous.isEmpty()) {
      return new Acao("redeploy-previous", bad.deploymentName(), DONE, "nothing to deploy again" + none);
    }
    EngineDeployment again = engine.createDeployment(bad.deploymentName(), Deployer.SOURCE,
        List.copyOf(previous.values()));
    return new Acao("redeploy-previous", bad.deploymentName(), DONE, "deployed the previous "
        + String.join(", ", previous.keySet()) + " again as " + again.id() + " (deployment " + bad.deploymentId()
        + " has " + running + " running instance(s), so it stays)" + none);
  }

  private static Optional<DeploymentResource> earlierContent(TargetEngineClient engine, List<EngineDeployment> earlier,
                                                              String name) {
    for (EngineDeployment deployment : earlier) {
      for (EngineResource resource : engine.resources(deployment.id())) {
        if (resource.name().equals(name)) {
          return Optional.of(new DeploymentResource(name, engine.resourceData(deployment.id(), resource.id())));
        }
      }
    }
    return Optional.empty();
  }

  private static int indexOf(List<EngineDeployment> deployments, String id) {
    for (int i = 0; i < deployments.size(); i++) {
      if (deployments.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
