package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/rules.md} is generated from the rules; this test keeps it from drifting. With
 * {@code -Dpipeline.regenerate-docs=true} it writes the file instead.
 */
class RuleDocsFileTest {
  private static final Path FILE = Path.of("docs", "rules.md");

  @Test
  void docsRulesMdIsWhatTheGeneratorWrites() throws IOException {
    String generated = RuleDocs.markdown(PipelineRules.all());
    if (Boolean.getBoolean("pipeline.regenerate-docs")) {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(FILE))
        .as("docs/rules.md is missing; generate it with: " + RuleDocs.REGENERATE)
        .isTrue();
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as("docs/rules.md is not what the rules say; regenerate it with: " + RuleDocs.REGENERATE)
        .isEqualTo(generated);
  }
}
