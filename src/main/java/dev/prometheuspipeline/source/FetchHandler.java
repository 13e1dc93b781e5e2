package dev.prometheuspipeline.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.FetchedArtifact;
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

/** {@code pipeline.fetch}: reads the release's artifacts from Git at their pinned commits into the store. */
@Component
@ExternalTaskSubscription(topicName = Topics.FETCH, lockDuration = 600_000, variableNames = "runId")
class FetchHandler extends StageHandler {
  private static final Logger log = LoggerFactory.getLogger(FetchHandler.class);

  private final ArtifactFetcher fetcher;
  private final RunStore runs;
  private final ObjectMapper json;

  FetchHandler(ArtifactFetcher fetcher, RunStore runs, StageFailures failures, ObjectMapper json) {
    super(failures);
    this.fetcher = fetcher;
    this.runs = runs;
    this.json = json;
  }

  @Override
  protected void run(ExternalTask task, ExternalTaskService service, String runId) {
    long started = System.nanoTime();
    try {
      List<FetchedArtifact> fetched = fetcher.fetch(runs.artifacts(runId));
      runs.saveFetched(runId, fetched);
      runs.saveCompanions(runId, fetcher.companions(fetched));
      service.complete(task, Map.of("artifactCount", fetched.size(), "artifactsSummary", summary(fetched)));
      log.info("stage=fetch release={} outcome=success artifacts={} durationMs={}", task.getBusinessKey(),
          fetched.size(), (System.nanoTime() - started) / 1_000_000);
    } catch (SourceException e) {
      if (e.isRetryable()) {
        throw e;
      }
      // The contract has no fetch etapa: what could not be fetched is a validation error the user fixes.
      ObjectNode etapa = json.createObjectNode().put("status", StageStatus.FAILED.wireName());
      ArrayNode erros = etapa.putArray("erros");
      for (String problem : e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems()) {
        erros.addObject().put("rule", "fetch").put("severity", "error").put("message", problem);
      }
      runs.saveStage(runId, Stage.VALIDATE, StageStatus.FAILED, etapa);
      service.handleBpmnError(task, BpmnErrors.FETCH_FAILED, e.getMessage());
      log.info("stage=fetch release={} outcome=failed reason={}", task.getBusinessKey(), e.getMessage());
    }
  }

  /** A markdown table for the approval form: what exactly is being released. */
  static String summary(List<FetchedArtifact> fetched) {
    StringBuilder table = new StringBuilder("| tipo | path | sha | sha256 |\n|---|---|---|---|\n");
    for (FetchedArtifact f : fetched) {
      table.append("| ").append(f.type().wireName())
          .append(" | ").append(f.path().replace("|", "\\|"))
          .append(" | ").append(f.artifact().sha(), 0, Math.min(12, f.artifact().sha().length()))
          .append(" | ").append(f.digest(), 0, 16).append("… |\n");
    }
    return table.toString();
  }
}
