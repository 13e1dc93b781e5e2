package dev.prometheuspipeline.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.DeployOutcome;
import dev.prometheuspipeline.deploy.ProductDeployment;
import dev.prometheuspipeline.deploy.TargetResolver;
import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.RunStore;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.system.StageFailures;
import dev.prometheuspipeline.system.StageHandler;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@code pipeline.verify}: the target holds what we deployed, byte for byte, and can run it. */
@Component
@ExternalTaskSubscription(topicName = Topics.VERIFY, lockDuration = 600_000, variableNames = "runId")
class VerifyHandler extends StageHandler {
  private static final Logger log = LoggerFactory.getLogger(VerifyHandler.class);

  private final DeploymentVerifier verifier;
  private final TargetResolver targets;
  private final RunStore runs;
  private final ObjectMapper json;

  VerifyHandler(DeploymentVerifier verifier, TargetResolver targets, RunStore runs, StageFailures failures,
      ObjectMapper json) {
    super(failures);
    this.verifier = verifier;
    this.targets = targets;
    this.runs = runs;
    this.json = json;
  }

  /** An unreachable target or refused credentials are technical: retried, then an incident to fix. */
  @Override
  protected void run(ExternalTask task, ExternalTaskService service, String runId) {
    long started = System.nanoTime();
    CamundaTarget target = targets.current();
    List<ProductDeployment> deployed = runs.deployments(runId).stream()
        .map(d -> new ProductDeployment(d.product(), d.deploymentName(), d.deploymentId(), d.created(), List.of()))
        .toList();
    VerifyOutcome outcome = verifier.verify(target, runs.fetched(runId), new DeployOutcome(deployed));
    StageStatus status = outcome.allPassed() ? StageStatus.SUCCESS : StageStatus.FAILED;
    ObjectNode etapa = json.createObjectNode().put("status", status.wireName());
    ArrayNode checks = etapa.putArray("checks");
    outcome.checks().forEach(c -> checks.addObject()
        .put("name", c.name())
        .put("status", c.status().name().toLowerCase())
        .put("detail", c.detail()));
    runs.saveStage(runId, Stage.VERIFY, status, etapa);
    Map<String, Object> variables = Map.of("checksPassed", outcome.passed(), "checksFailed", outcome.failed());
    log.info("stage=verify release={} outcome={} passed={} failed={} durationMs={}", task.getBusinessKey(),
        status.wireName(), outcome.passed(), outcome.failed(), (System.nanoTime() - started) / 1_000_000);
    if (outcome.allPassed()) {
      service.complete(task, variables);
    } else {
      String failed = outcome.checks().stream().filter(c -> c.status() == CheckStatus.FAILED)
          .map(c -> c.name() + ": " + c.detail()).reduce((a, b) -> a + "; " + b).orElse("");
      service.handleBpmnError(task, BpmnErrors.VERIFY_FAILED, outcome.failed() + " check(s) failed: " + failed,
          variables);
    }
  }
}
