package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.PipelineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release's declarative model tests: Camunda Process Test JSON scenarios, decision test JSON and DMN
 * TCK XML (see {@code docs/test-cases.md}), run on in-memory Camunda 7 engines that hold the release's
 * BPMN, DMN and forms.
 *
 * <p>Each of {@code parallelism} lanes has its own engine and runs tests one after another; between two
 * tests the engine is emptied of all the first left behind (and checked), and each test has its own
 * clock, so no state leaks from one test to the next. A test that runs longer than the time limit is
 * interrupted and reported {@link TestResult.Status#TIMED_OUT}; its engine is discarded and the lane
 * goes on with a new one.
 *
 * <p>Thread-safe: each call has its own engines.
 */
public final class ModelTests {
  private static final Logger log = LoggerFactory.getLogger(ModelTests.class);
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final int parallelism;
  private final Duration perTestTimeout;

  /**
   * @param parallelism how many engines run tests at once (at least 1)
   * @param perTestTimeout how long one test may run before it is stopped
   */
  public ModelTests(int parallelism, Duration perTestTimeout) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    requireNonNull(perTestTimeout, "perTestTimeout");
    if (perTestTimeout.isNegative() || perTestTimeout.isZero()) {
      throw new IllegalArgumentException("perTestTimeout must be positive, was " + perTestTimeout);
    }
    this.parallelism = parallelism;
    this.perTestTimeout = perTestTimeout;
  }

  /**
   * Runs every test file against an engine holding the release's BPMN/DMN/forms.
   *
   * @param models the release's artifacts; its engine resources (BPMN, DMN, forms, embedded forms) are
   *     deployed, each under its repository path, workers are left out
   * @param tests the test files, each read as its content says (see {@link TestFile}); smoke files are
   *     skipped: what they exercise (live workers) the sandbox only mocks
   * @return one result per test (scenario, decision case, TCK test case), in file order and in each file's
   *     order; a file that cannot be read gives ERROR results naming its line
   * @throws PipelineException only when no engine can be started (a broken installation, not a test's fault)
   */
  public List<TestResult> run(List<FetchedArtifact> models, List<TestFile> tests) {
    requireNonNull(models, "models");
    requireNonNull(tests, "tests");
    long started = System.nanoTime();
    ScenarioClock.install();
    Map<String, byte[]> resources = new LinkedHashMap<>();
    for (FetchedArtifact model : models) {
      if (model.type().isEngineResource()) {
        resources.put(model.path(), model.content());
      }
    }
    List<PlannedTest> planned = new ArrayList<>();
    for (TestFile file : tests) {
      if (file.isSmoke()) {
        continue;
      }
      planned.addAll(TestFiles.read(file));
    }
    TestResult[] results = new TestResult[planned.size()];
    Queue<Integer> waiting = new ConcurrentLinkedQueue<>();
    for (int index = 0; index < planned.size(); index++) {
      PlannedTest test = planned.get(index);
      if (test.invalid().isPresent()) {
        results[index] = new TestResult(test.file(), test.name(), test.kind(), TestResult.Status.ERROR,
            Duration.ZERO, test.invalid(), ExecutionTrace.EMPTY);
      } else {
        waiting.add(index);
      }
    }
    int lanes = Math.min(parallelism, waiting.size());
    if (lanes > 0) {
      runLanes(lanes, resources, planned, waiting, results);
    }
    List<TestResult> all = Arrays.asList(results);
    log.info("stage=test part=model-tests tests={} passed={} failed={} lanes={} durationMs={}",
        all.size(), all.stream().filter(TestResult::passed).count(),
        all.stream().filter(result -> !result.passed()).count(), lanes, (System.nanoTime() - started) / 1_000_000);
    return List.copyOf(all);
  }

  private void runLanes(
      int lanes, Map<String, byte[]> resources, List<PlannedTest> planned, Queue<Integer> waiting,
      TestResult[] results) {
    int run = RUNS.incrementAndGet();
    ExecutorService pool = Executors.newFixedThreadPool(lanes, daemonThreads("model-tests-" + run + "-lane-"));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int lane = 0; lane < lanes; lane++) {
        String name = "model-tests-" + run + "-runner-" + lane;
        running.add(pool.submit(() -> {
          try (TestLane testLane = new TestLane(resources, perTestTimeout, daemonThreads(name))) {
            Integer index;
            while ((index = waiting.poll()) != null) {
              results[index] = testLane.run(planned.get(index));
            }
          }
        }));
      }
      for (Future<?> lane : running) {
        lane.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineException("model tests were interrupted before they finished", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PipelineException pipeline) {
        throw pipeline;
      }
      throw new PipelineException("model tests could not run: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      // A scenario stuck in code that ignores interrupts must not keep the JVM from stopping.
      thread.setDaemon(true);
      return thread;
    };
  }
}
