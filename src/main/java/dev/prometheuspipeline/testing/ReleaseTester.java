package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.PipelineException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The test stage's core. The release first deploys into a sandbox exactly as the target will receive it;
 * when that works, the products' declared model tests run on it (process scenarios, decision tests, DMN
 * TCK cases) and their coverage is counted; then each worker repository runs its own tests.
 *
 * <p>Thread-safe as long as its parts are: each call has its own engines and checkouts.
 */
public final class ReleaseTester {
  private final SandboxTester sandbox;
  private final ModelTests modelTests;
  private final WorkerTests workerTests;
  private final Duration workerLimit;

  public ReleaseTester(SandboxTester sandbox, ModelTests modelTests, WorkerTests workerTests, Duration workerLimit) {
    this.sandbox = requireNonNull(sandbox, "sandbox");
    this.modelTests = requireNonNull(modelTests, "modelTests");
    this.workerTests = requireNonNull(workerTests, "workerTests");
    this.workerLimit = requireNonNull(workerLimit, "workerLimit");
  }

  /**
   * Tests a release.
   *
   * @param artifacts the release as fetched
   * @param tests the products' declared test files; smoke files ({@link TestFile#isSmoke}) are left out, they
   *     run on targets only
   * @param workers worker artifact path → its checked-out folder
   * @throws PipelineException only when an engine cannot start at all
   */
  public ReleaseTestOutcome test(List<FetchedArtifact> artifacts, List<TestFile> declared, Map<String, Path> workers) {
    requireNonNull(artifacts, "artifacts");
    requireNonNull(declared, "declared");
    requireNonNull(workers, "workers");
    List<TestFile> tests = declared.stream().filter(file -> !file.isSmoke()).toList();
    List<FetchedArtifact> models = artifacts.stream().filter(a -> a.type().isEngineResource()).toList();
    TestReport deployment = sandbox.test(models);
    // Tests of models that do not deploy would only repeat the deployment's failure, once per test. A model
    // the target refuses only for a deployment attribute still behaves as written: its tests run.
    List<TestResult> modelResults =
        deployment.hasBehaviourFailures() || tests.isEmpty() ? List.of() : modelTests.run(models, tests);
    ExecutionTrace merged = modelResults.stream().map(TestResult::trace)
        .reduce(ExecutionTrace.EMPTY, ExecutionTrace::merge);
    Coverage coverage = CoverageCounter.count(models, merged);
    int coverable = coverage.processes().size() + coverage.decisions().size();
    List<WorkerRun> workerRuns = new ArrayList<>();
    workers.forEach((path, directory) -> workerRuns.add(workerTests.run(path, directory, workerLimit)));
    TestRun run = new TestRun(modelResults, coverage, workerRuns);
    return new ReleaseTestOutcome(deployment, run, coverable, !tests.isEmpty(), !models.isEmpty());
  }
}
