package dev.prometheuspipeline.smoke;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.deploy.TargetException;
import dev.prometheuspipeline.testing.CptInstruction;
import dev.prometheuspipeline.testing.CptInstruction.AssertElementInstance;
import dev.prometheuspipeline.testing.CptInstruction.AssertElementInstances;
import dev.prometheuspipeline.testing.CptInstruction.AssertProcessInstance;
import dev.prometheuspipeline.testing.CptInstruction.AssertProcessInstanceMessageSubscription;
import dev.prometheuspipeline.testing.CptInstruction.AssertUserTask;
import dev.prometheuspipeline.testing.CptInstruction.AssertVariables;
import dev.prometheuspipeline.testing.CptInstruction.C7AssertIncident;
import dev.prometheuspipeline.testing.CptInstruction.C7CompleteExternalTask;
import dev.prometheuspipeline.testing.CptInstruction.C7FailExternalTask;
import dev.prometheuspipeline.testing.CptInstruction.C7ThrowBpmnErrorFromExternalTask;
import dev.prometheuspipeline.testing.CptInstruction.CompleteJob;
import dev.prometheuspipeline.testing.CptInstruction.CompleteUserTask;
import dev.prometheuspipeline.testing.CptInstruction.CorrelateMessage;
import dev.prometheuspipeline.testing.CptInstruction.CreateProcessInstance;
import dev.prometheuspipeline.testing.CptInstruction.PublishMessage;
import dev.prometheuspipeline.testing.CptInstruction.ThrowBpmnErrorFromJob;
import dev.prometheuspipeline.testing.CptInstruction.UpdateVariables;
import dev.prometheuspipeline.testing.Scenario;
import dev.prometheuspipeline.testing.ScenarioFile;
import dev.prometheuspipeline.testing.TestFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a release's smoke files on a target after it was deployed, through the target's REST API: each file's
 * Camunda Process Test cases, in order, against the target's real workers. Every instance a run starts has
 * the business key {@code smoke:<release_ref>:<n>} (n counts the run's instances from 1), and is deleted
 * with its history afterwards, whether the file passed or not. Instructions only a sandbox can carry out
 * (mocks, time, signals to everyone) are refused before anything starts.
 *
 * <p>Thread-safe: each call keeps its own state.
 */
public final class SmokeRuns {
  /** The prefix of every smoke instance's business key; a run's instances are {@code smoke:<ref>:<n>}. */
  public static final String BUSINESS_KEY_PREFIX = "smoke:";
  private static final Logger log = LoggerFactory.getLogger(SmokeRuns.class);
  private static final Duration DEFAULT_POLL = Duration.ofMillis(250);

  private final Duration pollInterval;

  public SmokeRuns() {
    this(DEFAULT_POLL);
  }

  /** @param pollInterval how long a waiting step pauses between two looks at the target */
  public SmokeRuns(Duration pollInterval) {
    this.pollInterval = requireNonNull(pollInterval, "pollInterval");
  }

  /**
   * Runs each smoke file on the target, one after another.
   *
   * @param timeout how long one file may take; its waiting steps give up then ({@code pipeline.verify.smoke-timeout})
   * @return one result per file, named {@code smoke:<path>}, in file order
   * @throws TargetException (retryable) when the target cannot be reached or fails with a server error: that
   *     says nothing about the release; the instances started so far are deleted first where possible
   */
  public List<SmokeResult> run(TargetEngineClient engine, List<TestFile> files, String releaseRef, Duration timeout) {
    requireNonNull(engine, "engine");
    requireNonNull(files, "files");
    requireNonNull(releaseRef, "releaseRef");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the smoke timeout must be positive; got " + timeout);
    }
    AtomicInteger instances = new AtomicInteger();
    List<SmokeResult> results = new ArrayList<>();
    for (TestFile file : files) {
      long started = System.nanoTime();
      SmokeResult result = runFile(engine, ScenarioFile.read(file), timeout,
          () -> BUSINESS_KEY_PREFIX + releaseRef + ":" + instances.incrementAndGet(), started);
      log.info("stage=verify part=smoke target={} file={} outcome={} durationMs={}", engine.target().restUrl(),
          file.path(), result.status().name().toLowerCase(java.util.Locale.ROOT), result.durationMs());
      results.add(result);
    }
    return List.copyOf(results);
  }

  private SmokeResult runFile(TargetEngineClient engine, ScenarioFile file, Duration timeout,
      java.util.function.Supplier<String> keys, long started) {
    String name = "smoke:" + file.path();
    if (!file.readable()) {
      return result(name, SmokeResult.Status.FAILED, "not run, the file cannot be read: " + file.problems().stream()
          .map(ScenarioFile.Problem::message).collect(Collectors.joining("; ")), started);
    }
    List<String> refused = new ArrayList<>();
    for (ScenarioFile.Case testCase : file.cases()) {
      for (Scenario.Instruction instruction : testCase.instructions()) {
        LiveInstructions.refusal(instruction).ifPresent(why ->
            refused.add(SmokeFileCheck.at(file.path(), testCase, instruction) + why));
      }
    }
    if (!refused.isEmpty()) {
      return result(name, SmokeResult.Status.FAILED, "refused, nothing was started on the target: "
          + String.join("; ", refused), started);
    }
    if (file.cases().isEmpty()) {
      return result(name, SmokeResult.Status.SKIPPED, "the file has no test cases", started);
    }
    Poll poll = new Poll(timeout, pollInterval);
    Cleanup cleanup = new Cleanup();
    String outcome;
    List<String> left = List.of();
    try {
      outcome = runCases(engine, file, poll, keys, cleanup);
    } finally {
      // Runs also when a target that went down propagates: whatever can still be deleted is.
      left = cleanSafely(engine, cleanup);
      if (!left.isEmpty()) {
        log.warn("stage=verify part=smoke file={} outcome=cleanup-incomplete instances={}", file.path(), left);
      }
    }
    String cleaned = left.isEmpty() ? "; the instances started were deleted"
        : "; not deleted, remove by hand: " + String.join(", ", left);
    int steps = file.cases().stream().mapToInt(c -> c.instructions().size()).sum();
    return outcome.isEmpty()
        ? result(name, SmokeResult.Status.PASSED, file.cases().size() + " test case(s), " + steps + " step(s) held on "
            + engine.target().restUrl() + cleaned, started)
        : result(name, SmokeResult.Status.FAILED, outcome + cleaned, started);
  }

  /** Runs the cases until one fails; returns why it failed, or "" when all held. */
  private static String runCases(TargetEngineClient engine, ScenarioFile file, Poll poll,
      java.util.function.Supplier<String> keys, Cleanup cleanup) {
    for (ScenarioFile.Case testCase : file.cases()) {
      LiveCase live = new LiveCase(engine, poll, keys, cleanup);
      LiveActions actions = new LiveActions(live);
      LiveAssertions assertions = new LiveAssertions(live);
      for (Scenario.Instruction instruction : testCase.instructions()) {
        try {
          execute(instruction.instruction(), actions, assertions);
        } catch (StepFailed e) {
          return SmokeFileCheck.at(file.path(), testCase, instruction) + e.getMessage();
        } catch (TargetException e) {
          if (e.isRetryable()) {
            throw e;
          }
          return SmokeFileCheck.at(file.path(), testCase, instruction) + e.getMessage();
        }
      }
    }
    return "";
  }

  private static void execute(CptInstruction instruction, LiveActions actions, LiveAssertions assertions) {
    if (instruction instanceof CreateProcessInstance i) {
      actions.createProcessInstance(i);
    } else if (instruction instanceof CompleteUserTask i) {
      actions.completeUserTask(i);
    } else if (instruction instanceof CompleteJob i) {
      actions.completeExternalTask(i.jobSelector().asExternalTask(), i.variables(), null);
    } else if (instruction instanceof ThrowBpmnErrorFromJob i) {
      actions.throwBpmnError(i.jobSelector().asExternalTask(), i.errorCode(), i.errorMessage(), i.variables());
    } else if (instruction instanceof C7CompleteExternalTask i) {
      actions.completeExternalTask(i.externalTaskSelector(), i.variables(), i.localVariables());
    } else if (instruction instanceof C7ThrowBpmnErrorFromExternalTask i) {
      actions.throwBpmnError(i.externalTaskSelector(), i.errorCode(), i.errorMessage(), i.variables());
    } else if (instruction instanceof C7FailExternalTask i) {
      actions.failExternalTask(i.externalTaskSelector(), i.errorMessage(), i.errorDetails(), i.retries());
    } else if (instruction instanceof CorrelateMessage i) {
      actions.correlateMessage(i.name(), i.correlationKey(), i.variables(), false);
    } else if (instruction instanceof PublishMessage i) {
      actions.correlateMessage(i.name(), i.correlationKey(), i.variables(), true);
    } else if (instruction instanceof UpdateVariables i) {
      actions.updateVariables(i);
    } else if (instruction instanceof AssertProcessInstance i) {
      assertions.processInstance(i);
    } else if (instruction instanceof AssertElementInstance i) {
      assertions.elementInstance(i);
    } else if (instruction instanceof AssertElementInstances i) {
      assertions.elementInstances(i);
    } else if (instruction instanceof AssertVariables i) {
      assertions.variables(i);
    } else if (instruction instanceof AssertUserTask i) {
      assertions.userTask(i);
    } else if (instruction instanceof AssertProcessInstanceMessageSubscription i) {
      assertions.messageSubscription(i);
    } else if (instruction instanceof C7AssertIncident i) {
      assertions.incident(i);
    } else {
      // Unreachable: LiveInstructions refused every other instruction before the file started.
      throw new StepFailed("not run on a live target");
    }
  }

  private static List<String> cleanSafely(TargetEngineClient engine, Cleanup cleanup) {
    try {
      return cleanup.run(engine);
    } catch (TargetException e) {
      return List.of("cleanup stopped: " + e.getMessage());
    }
  }

  private static SmokeResult result(String name, SmokeResult.Status status, String detail, long started) {
    return new SmokeResult(name, status, detail, (System.nanoTime() - started) / 1_000_000);
  }
}
