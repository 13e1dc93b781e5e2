package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Camunda Process Test JSON file read into its test cases without running them, for runners other than
 * the sandbox's (smoke runs on a target). The reading is the sandbox runner's: the same schema check, the
 * same instruction records, the same messages.
 *
 * @param path the file's repository path
 * @param cases the test cases that could be read, in file order
 * @param problems why the file, or some of its cases, cannot run; empty when all can
 */
public record ScenarioFile(String path, List<Case> cases, List<Problem> problems) {
  private static final Pattern LINE = Pattern.compile(" line (\\d+)");

  public ScenarioFile {
    requireNonNull(path, "path");
    cases = List.copyOf(cases);
    problems = List.copyOf(problems);
  }

  /** One test case: its name and its instructions, each with its step and line. */
  public record Case(String name, List<Scenario.Instruction> instructions) {
    public Case {
      requireNonNull(name, "name");
      instructions = List.copyOf(instructions);
    }
  }

  /**
   * Why something in the file cannot run.
   *
   * @param line where, 1-based; 0 when the whole file is at fault and no line is known
   * @param message the file, the line and the fix, as the sandbox runner words it
   */
  public record Problem(int line, String message) {
    public Problem {
      requireNonNull(message, "message");
    }
  }

  /** Reads {@code file}; never throws for what is wrong in it: that is a {@link Problem}. */
  public static ScenarioFile read(TestFile file) {
    requireNonNull(file, "file");
    List<Case> cases = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (PlannedTest test : TestFiles.read(file)) {
      if (test.invalid().isPresent()) {
        String message = test.invalid().get().message();
        Matcher line = LINE.matcher(message);
        problems.add(new Problem(line.find() ? Integer.parseInt(line.group(1)) : 0, message));
      } else if (test.kind() != TestResult.Kind.SCENARIO) {
        problems.add(new Problem(0, file.path() + ": \"" + test.name() + "\" is a decision test; only Camunda "
            + "Process Test files ({\"testCases\": [...]}) are read here"));
      } else {
        cases.add(new Case(test.name(), test.instructions()));
      }
    }
    return new ScenarioFile(file.path(), cases, problems);
  }

  public boolean readable() {
    return problems.isEmpty();
  }
}
