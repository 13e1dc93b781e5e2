package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A Camunda Process Test case read from its file: its instructions with their lines. */
final class Scenario {
  private Scenario() {}

  /**
   * One instruction of a test case.
   *
   * @param step its 1-based position
   * @param type its {@code type}
   * @param node the instruction as written
   * @param line the line it starts on in its file
   */
  record Instruction(int step, String type, JsonNode node, int line) {
    Instruction {
      requireNonNull(type, "type");
      requireNonNull(node, "node");
    }
  }

  static PlannedTest of(String file, String name, JsonNode testCase, String casePath, JsonLines lines) {
    List<Instruction> instructions = new ArrayList<>();
    JsonNode written = testCase.path("instructions");
    for (int index = 0; index < written.size(); index++) {
      JsonNode node = written.get(index);
      int line = lines.lineOf(casePath + ".instructions[" + index + "]");
      instructions.add(new Instruction(index + 1, node.path("type").asText(), node, line));
    }
    List<Instruction> steps = List.copyOf(instructions);
    return PlannedTest.runnable(
        file, name, TestResult.Kind.SCENARIO, engine -> new ScenarioRun(engine, file, steps).run());
  }
}
