package dev.prometheuspipeline.source;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.PushedCommit;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.release.ValidateEtapa;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.fetch}: reads the release's artifacts from Git at their pinned commits into the store; for a
 * release started by a push, lists them first.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.FETCH, variableNames = "runId")
class FetchHandler extends StageHandler {
  private final ArtifactFetcher fetcher;
  private final RunArtifacts artifacts;
  private final StageResults stages;
  private final ReleaseRuns runs;
  private final RunHistory history;

  FetchHandler(ArtifactFetcher fetcher, RunArtifacts artifacts, StageResults stages, ReleaseRuns runs,
      RunHistory history, StageFailures failures) {
    super(failures);
    this.fetcher = fetcher;
    this.artifacts = artifacts;
    this.stages = stages;
    this.runs = runs;
    this.history = history;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    try {
      List<Artifact> asked = artifacts.artifacts(runId);
      if (asked.isEmpty()) {
        asked = runs.push(runId).map(push -> listPushed(runId, push)).orElse(asked);
      }
      List<FetchedArtifact> fetched = fetcher.fetch(asked);
      artifacts.saveFetched(runId, fetched);
      artifacts.saveCompanions(runId, fetcher.companions(fetched));
      return StageOutcome.completed(StageStatus.SUCCESS,
              Map.of("artifactCount", fetched.size(), "artifactsSummary", ArtifactTable.markdown(fetched)))
          .with("artifacts", fetched.size());
    } catch (SourceException e) {
      if (e.isRetryable()) {
        throw e;
      }
      // The contract has no fetch etapa: what could not be fetched is a validation error the user fixes.
      stages.save(runId, Stage.VALIDATE,
          ValidateEtapa.fetchFailed(e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems()));
      return StageOutcome.bpmnError(BpmnErrors.FETCH_FAILED, e.getMessage(), Map.of()).with("reason", e.getMessage());
    }
  }

  /** A push names only its commit: its artifacts are listed here, once, off the webhook's request thread. */
  private List<Artifact> listPushed(String runId, PushedCommit push) {
    List<Artifact> listed = fetcher.pushed(push.commit());
    runs.listArtifacts(runId, listed);
    history.addEvent(runId, "listed", listed.size() + " artifact(s) under the product folders at " + push.commit());
    return listed;
  }
}
