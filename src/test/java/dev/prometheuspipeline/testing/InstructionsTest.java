package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The runner, the schema and the documentation name the same instructions. */
class InstructionsTest {
  @Test
  void schemaAllowsExactlyTheInstructionsTheRunnerKnows() throws IOException {
    JsonNode schema = TestFiles.JSON.readTree(Models.read(TestFiles.SCHEMA));
    Set<String> types = new TreeSet<>();
    schema.at("/definitions/TestCaseInstruction/properties/type/enum").forEach(type -> types.add(type.asText()));

    assertThat(types).isEqualTo(new TreeSet<>(Instructions.KNOWN));
  }

  @Test
  void documentsEveryInstruction() throws IOException {
    String docs = Files.readString(Path.of("docs/test-cases.md"));

    assertThat(Instructions.KNOWN).allSatisfy(type -> assertThat(docs).contains("`" + type + "`"));
  }

  @Test
  void givesEveryInapplicableInstructionAReason() {
    assertThat(Instructions.NOT_APPLICABLE.keySet()).isSubsetOf(Instructions.KNOWN);
    assertThat(Instructions.NOT_APPLICABLE.values()).allSatisfy(why -> assertThat(why).isNotBlank());
  }
}
