package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A Camunda Process Test case read from its file: its instructions with their lines. */
public final class Scenario {
  private Scenario() {}

  /**
   * One instruction of a test case.
   *
   * @param step its 1-based position
   * @param type its {@code type}
   * @param instruction the instruction as Jackson read it
   * @param line the line it starts on in its file
   */
  public record Instruction(int step, String type, CptInstruction instruction, int line) {
    public Instruction {
      requireNonNull(type, "type");
      requireNonNull(instruction, "instruction");
    }
  }

  /** The test case as a test; its file has passed the schema, so each instruction reads into its record. */
  static PlannedTest of(String file, String name, JsonNode testCase, String casePath, JsonLines lines) {
    List<Instruction> instructions = new ArrayList<>();
    JsonNode written = testCase.path("instructions");
    for (int index = 0; index < written.size(); index++) {
      JsonNode node = written.get(index);
      int step = index + 1;
      int line = lines.lineOf(casePath + ".instructions[" + index + "]");
      String type = node.path("type").asText();
      try {
        instructions.add(new Instruction(step, type, Instructions.read(node), line));
      } catch (JsonProcessingException e) {
        String why = Instructions.KNOWN.contains(type)
            ? "cannot read the instruction (" + e.getOriginalMessage() + "); see docs/test-cases.md"
            : "unknown instruction \"" + type + "\"; see docs/test-cases.md";
        return PlannedTest.invalid(file, name, TestResult.Kind.SCENARIO, new TestResult.Failure(
            step, type, "", "", file + " line " + line + ", step " + step + " (" + type + "): " + why));
      }
    }
    List<Instruction> steps = List.copyOf(instructions);
    return PlannedTest.scenario(file, name, steps, engine -> new ScenarioRun(engine, file, steps).run());
  }
}
