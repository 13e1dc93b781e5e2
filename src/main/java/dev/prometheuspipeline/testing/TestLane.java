package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.sandbox.EngineMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine and one runner thread, running tests one after another. The lane's own thread waits for
 * each test with the time limit; the test runs on the runner thread, so a test past its limit can be
 * interrupted and left behind without stopping the lane.
 */
final class TestLane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TestLane.class);
  /** How long a stopped test may take to notice: the engine checks at each activity and flow. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Map<String, byte[]> resources;
  private final Duration timeout;
  private final ThreadFactory threads;
  private ScenarioEngine engine;
  private ExecutorService runner;

  TestLane(Map<String, byte[]> resources, Duration timeout, ThreadFactory threads) {
    this.resources = resources;
    this.timeout = timeout;
    this.threads = threads;
    this.runner = Executors.newSingleThreadExecutor(threads);
  }

  /** What a test's run left: how it ended, the trace, and whether its engine may run the next test. */
  private record Outcome(
      TestResult.Status status, Optional<TestResult.Failure> failure, ExecutionTrace trace, boolean reusable) {}

  TestResult run(PlannedTest test) {
    if (engine == null) {
      engine = ScenarioEngine.start(resources);
    }
    if (engine.deployFailure().isPresent()) {
      return result(test, TestResult.Status.ERROR, Duration.ZERO, Optional.of(new TestResult.Failure(0, "", "", "",
          test.file() + ": the release's models do not deploy on Camunda 7, so no test can run: "
              + engine.deployFailure().get() + "; fix the models (the validate stage lists each problem)")),
          ExecutionTrace.EMPTY);
    }
    ScenarioEngine current = engine;
    AtomicReference<Outcome> finished = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    long started = System.nanoTime();
    Future<?> future = runner.submit(() -> {
      try {
        finished.set(execute(current, test));
      } finally {
        done.countDown();
      }
    });
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return stop(test, future, done, finished, started);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new ScenarioEngineException("interrupted while running " + test.name(), e);
    } catch (ExecutionException e) {
      finished.compareAndSet(null, new Outcome(TestResult.Status.ERROR, Optional.of(new TestResult.Failure(0, "", "",
          "", test.file() + ": " + test.name() + " could not run: " + EngineMessage.of(e.getCause()))),
          ExecutionTrace.EMPTY, false));
    }
    Outcome outcome = finished.get();
    if (!outcome.reusable()) {
      discardEngine(true);
    }
    return result(test, outcome.status(), elapsed(started), outcome.failure(), outcome.trace());
  }

  private TestResult stop(
      PlannedTest test, Future<?> future, CountDownLatch done, AtomicReference<Outcome> finished, long started) {
    String step = engine.step();
    future.cancel(true);
    boolean ended;
    try {
      ended = done.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ended = false;
    }
    ExecutionTrace trace = ended && finished.get() != null ? finished.get().trace() : ExecutionTrace.EMPTY;
    discardEngine(ended);
    // The old runner may still be stuck in the test; the next test gets a new thread.
    runner.shutdownNow();
    runner = Executors.newSingleThreadExecutor(threads);
    String at = step.isEmpty() ? "" : " at " + step;
    TestResult.Failure failure = new TestResult.Failure(0, "", "to finish within " + timeout,
        "still running after " + timeout + at,
        test.file() + ": \"" + test.name() + "\" did not finish within " + timeout + " and was stopped" + at
            + "; look for a loop without a wait state (a gateway that always loops back, an async step that repeats)");
    log.info("event=model-test-timed-out file={} test=\"{}\" step=\"{}\" stopped={}", test.file(), test.name(), step, ended);
    return result(test, TestResult.Status.TIMED_OUT, elapsed(started), Optional.of(failure), trace);
  }

  private static Outcome execute(ScenarioEngine engine, PlannedTest test) {
    ScenarioClock.install();
    ScenarioClock.start();
    TestResult.Status status = TestResult.Status.PASSED;
    Optional<TestResult.Failure> failure = Optional.empty();
    boolean stopped = false;
    try {
      test.steps().run(engine);
    } catch (TestCaseFailure e) {
      status = e.status();
      failure = Optional.of(e.failure());
    } catch (FlowRecorder.ScenarioStopped e) {
      stopped = true;
      // Cleared so that what ran until now can still be read from the engine.
      Thread.interrupted();
      status = TestResult.Status.TIMED_OUT;
      failure = Optional.of(new TestResult.Failure(0, "", "", "", e.getMessage()));
    } catch (RuntimeException e) {
      status = TestResult.Status.ERROR;
      failure = Optional.of(new TestResult.Failure(0, "", "", "",
          test.file() + ": \"" + test.name() + "\" could not run: " + EngineMessage.of(e)));
    } finally {
      ScenarioClock.stop();
      engine.atStep("");
    }
    ExecutionTrace trace;
    try {
      trace = engine.trace();
    } catch (RuntimeException e) {
      trace = ExecutionTrace.EMPTY;
    }
    boolean reusable = !stopped && engine.reset();
    return new Outcome(status, failure, trace, reusable);
  }

  private void discardEngine(boolean canClose) {
    if (engine == null) {
      return;
    }
    if (canClose) {
      engine.close();
    } else {
      // Its thread still runs inside it; closing the engine under it could fail in odd ways. It is dropped.
      log.warn("engine={} event=abandoned reason=test-did-not-stop", engine.name());
    }
    engine = null;
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static TestResult result(PlannedTest test, TestResult.Status status, Duration duration,
      Optional<TestResult.Failure> failure, ExecutionTrace trace) {
    return new TestResult(test.file(), test.name(), test.kind(), status, duration, failure, trace);
  }

  @Override
  public void close() {
    runner.shutdownNow();
    discardEngine(true);
  }
}
