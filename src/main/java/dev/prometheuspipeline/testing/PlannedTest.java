package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One test read from a test file: a scenario, a decision case or a TCK test case, ready to run on an
 * engine; or, when its file is wrong, already known to end in {@link TestResult.Status#ERROR}.
 *
 * @param file the test file's repository path
 * @param name the test's name as its file gives it
 * @param kind scenario or decision
 * @param invalid why the test cannot run; empty when it can
 * @param steps what the test does with an engine; throws {@link TestCaseFailure} when it does not pass
 * @param instructions a scenario's instructions as read, for runners other than the sandbox's; empty for
 *     decision and TCK cases and for a test that cannot run
 */
record PlannedTest(String file, String name, TestResult.Kind kind, Optional<TestResult.Failure> invalid, Steps steps,
    List<Scenario.Instruction> instructions) {
  PlannedTest {
    requireNonNull(file, "file");
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(invalid, "invalid");
    requireNonNull(steps, "steps");
    instructions = List.copyOf(instructions);
  }

  static PlannedTest runnable(String file, String name, TestResult.Kind kind, Steps steps) {
    return new PlannedTest(file, name, kind, Optional.empty(), steps, List.of());
  }

  static PlannedTest scenario(String file, String name, List<Scenario.Instruction> instructions, Steps steps) {
    return new PlannedTest(file, name, TestResult.Kind.SCENARIO, Optional.empty(), steps, instructions);
  }

  static PlannedTest invalid(String file, String name, TestResult.Kind kind, TestResult.Failure why) {
    return new PlannedTest(file, name, kind, Optional.of(why), engine -> {}, List.of());
  }

  /** What a test does with its engine. */
  @FunctionalInterface
  interface Steps {
    void run(ScenarioEngine engine);
  }
}
