package dev.prometheuspipeline.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.RunStore;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.TargetDeployment;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.system.StageFailures;
import dev.prometheuspipeline.system.StageHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.deploy}: deploys exactly the bytes that were validated and approved (read from the
 * store, not from Git again) to the target engine, one stable-named deployment per product.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.DEPLOY, lockDuration = 600_000, variableNames = "runId")
class DeployHandler extends StageHandler {
  private static final Logger log = LoggerFactory.getLogger(DeployHandler.class);

  private final Deployer deployer;
  private final TargetResolver targets;
  private final RunStore runs;
  private final ObjectMapper json;

  DeployHandler(Deployer deployer, TargetResolver targets, RunStore runs, StageFailures failures, ObjectMapper json) {
    super(failures);
    this.deployer = deployer;
    this.targets = targets;
    this.runs = runs;
    this.json = json;
  }

  @Override
  protected void run(ExternalTask task, ExternalTaskService service, String runId) {
    long started = System.nanoTime();
    CamundaTarget target = targets.current();
    List<FetchedArtifact> artifacts = runs.fetched(runId);
    try {
      DeployOutcome outcome = deployer.deploy(target, artifacts);
      Instant now = Instant.now();
      for (ProductDeployment product : outcome.products()) {
        runs.saveDeployment(runId, new TargetDeployment(product.product(), product.deploymentId(),
            product.deploymentName(), product.created(), target.restUrl().toString(), now));
      }
      ObjectNode etapa = json.createObjectNode()
          .put("status", StageStatus.SUCCESS.wireName())
          .put("deployment_id", String.join(",", outcome.deploymentIds()))
          .put("commit_workers", workerCommits(artifacts));
      ArrayNode products = etapa.putArray("deployments");
      outcome.products().forEach(p -> {
        ObjectNode node = products.addObject()
            .put("product", p.product())
            .put("deployment_id", p.deploymentId())
            .put("created", p.created());
        p.deployedResources().forEach(node.withArray("resources")::add);
      });
      runs.saveStage(runId, Stage.DEPLOY, StageStatus.SUCCESS, etapa);
      int resources = outcome.products().stream().mapToInt(p -> p.deployedResources().size()).sum();
      service.complete(task, Map.of("deploymentIds", String.join(",", outcome.deploymentIds()),
          "deployedResources", resources));
      log.info("stage=deploy release={} outcome=success target={} deployments={} newResources={} durationMs={}",
          task.getBusinessKey(), target.restUrl(), outcome.deploymentIds(), resources,
          (System.nanoTime() - started) / 1_000_000);
    } catch (TargetException e) {
      // Refused credentials are a configuration fault, not the release's: retry, then an incident to fix
      // the configuration and retry from Cockpit, rather than failing a release that may be fine.
      boolean refusedCredentials = e.status().isPresent() && (e.status().getAsInt() == 401 || e.status().getAsInt() == 403);
      if (e.isRetryable() || refusedCredentials) {
        throw e;
      }
      fail(task, service, runId, artifacts, e.getMessage());
    } catch (DuplicateResourceException e) {
      fail(task, service, runId, artifacts, e.getMessage());
    }
  }

  private void fail(ExternalTask task, ExternalTaskService service, String runId, List<FetchedArtifact> artifacts,
      String reason) {
    ObjectNode etapa = json.createObjectNode()
        .put("status", StageStatus.FAILED.wireName())
        .put("deployment_id", "")
        .put("commit_workers", workerCommits(artifacts))
        .put("erro", reason);
    runs.saveStage(runId, Stage.DEPLOY, StageStatus.FAILED, etapa);
    service.handleBpmnError(task, BpmnErrors.DEPLOY_FAILED, reason);
    log.info("stage=deploy release={} outcome=failed reason={}", task.getBusinessKey(), reason);
  }

  private static String workerCommits(List<FetchedArtifact> artifacts) {
    return artifacts.stream().filter(a -> a.type() == ArtifactType.WORKER).map(a -> a.artifact().sha())
        .distinct().collect(Collectors.joining(","));
  }
}
