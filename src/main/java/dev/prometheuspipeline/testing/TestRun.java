package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.testing.TestResult.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the test stage found for one release: the model tests' results, the models' coverage and each
 * worker repository's own run.
 *
 * @param modelResults scenario and decision table results, as the scenario runner gave them
 * @param coverage of the release's processes and decision tables by {@code modelResults}
 * @param workers one run per worker artifact; their results count in {@link #results()}
 */
public record TestRun(List<TestResult> modelResults, Coverage coverage, List<WorkerRun> workers) {
  public TestRun {
    modelResults = List.copyOf(requireNonNull(modelResults, "modelResults"));
    requireNonNull(coverage, "coverage");
    workers = List.copyOf(requireNonNull(workers, "workers"));
  }

  /** Model results, then each worker's, in order. */
  public List<TestResult> results() {
    List<TestResult> all = new ArrayList<>(modelResults);
    workers.forEach(worker -> all.addAll(worker.results()));
    return List.copyOf(all);
  }

  /** The contract's {@code passou}. */
  public long passed() {
    return count(Status.PASSED);
  }

  /** The contract's {@code falhou}: failed, errors and time-outs; skipped tests are neither. */
  public long failed() {
    return count(Status.FAILED) + count(Status.ERROR) + count(Status.TIMED_OUT);
  }

  long count(Status status) {
    return results().stream().filter(r -> r.status() == status).count();
  }

  /** Line coverage over every worker that reported one: covered lines / instrumented lines. */
  public Optional<WorkerCoverage> workerCoverage() {
    List<WorkerCoverage> reported = workers.stream().flatMap(w -> w.coverage().stream()).toList();
    if (reported.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new WorkerCoverage(reported.stream().mapToLong(WorkerCoverage::coveredLines).sum(),
        reported.stream().mapToLong(WorkerCoverage::totalLines).sum(),
        reported.size() == 1 ? reported.get(0).source() : reported.size() + " workers"));
  }
}
