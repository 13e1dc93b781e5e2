package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.Corpus.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Files are checked on two threads; the report must be the one a file-by-file run gives. */
class ParallelCheckTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void aReleaseChecksAsItsFilesOneByOneInTheirOrder() {
    List<FetchedArtifact> files = Stream.of("valid", "several-errors", "missing-httl", "gateway-without-default",
            "not-well-formed", "valid-utf16", "engine-stops-early", "xxe-passwd", "encoding-mismatch", "valid")
        .map(name -> file("bpmn/" + name + ".bpmn"))
        .toList();
    List<Finding> oneByOne = new ArrayList<>();
    for (FetchedArtifact artifact : files) {
      oneByOne.addAll(validator.validate(List.of(artifact)).findings());
    }

    List<Finding> together = validator.validate(files).findings();

    // The report orders its findings itself (by file and place), so both are compared as reports.
    assertThat(together).isNotEmpty().containsExactlyElementsOf(new Report(oneByOne).findings());
  }
}
