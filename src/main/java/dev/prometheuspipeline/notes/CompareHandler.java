package dev.prometheuspipeline.notes;

import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.compare}: the release's models against those of the release the production target runs, for
 * the Regra de Ouro: how many changes break callers, and whether a semantic {@code release_ref} bumps its major
 * version for them; and the documentation the checklist asks for ({@link ReleaseChecklist}).
 */
@Component
@ExternalTaskSubscription(topicName = Topics.COMPARE, variableNames = "runId")
class CompareHandler extends StageHandler {
  private final PreviousRelease previousRelease;
  private final ReleaseRuns runs;
  private final RunArtifacts artifacts;
  private final RunHistory history;

  CompareHandler(PreviousRelease previousRelease, ReleaseRuns runs, RunArtifacts artifacts, RunHistory history,
      StageFailures failures) {
    super(failures);
    this.previousRelease = previousRelease;
    this.runs = runs;
    this.artifacts = artifacts;
    this.history = history;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    ReleaseRun run = runs.require(runId);
    Optional<ReleaseRun> previous = previousRelease.of(runId);
    List<String> breaking = previous.isEmpty() ? List.of()
        : BreakingChanges.between(artifacts.fetched(previous.get().id()), artifacts.fetched(runId));
    Boolean majorBumped = previous.flatMap(p -> SemverBump.majorBumped(p.releaseRef(), run.releaseRef())).orElse(null);
    if (!breaking.isEmpty()) {
      history.addEvent(runId, "breaking-changes", breaking.size() + " breaking change(s) since "
          + previous.get().releaseRef() + ": " + String.join("; ", breaking));
    }
    // A map: the engine takes null for "not a semantic version", which Map.of refuses.
    Map<String, Object> variables = new HashMap<>();
    variables.put("breakingChanges", breaking.size());
    variables.put("breakingSummary", String.join("; ", breaking));
    variables.put("semverMajorBumped", majorBumped);
    variables.putAll(ReleaseChecklist.of(artifacts.artifacts(runId), artifacts.companions(runId), run.releaseRef())
        .variables());
    return StageOutcome.completed(StageStatus.SUCCESS, variables).with("breaking", breaking.size())
        .with("comparedWith", previous.map(ReleaseRun::releaseRef).orElse("-"));
  }
}
