package dev.prometheuspipeline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sizes the structure promises: a class over 600 lines does several jobs, and a stage handler over 80
 * has started doing its core's work.
 */
class SourceSizeTest {
  private static final Path MAIN = Path.of("src/main/java");

  @Test
  void noMainSourceFileIsOver600Lines() throws IOException {
    assertThat(linesOver(600, path -> true)).isEmpty();
  }

  @Test
  void everyStageHandlerIsAtMost80Lines() throws IOException {
    Map<String, Long> handlers = linesOver(0, path -> path.getFileName().toString().endsWith("Handler.java")
        && !path.getFileName().toString().equals("StageHandler.java"));
    assertThat(handlers).isNotEmpty();
    assertThat(handlers).allSatisfy((file, lines) -> assertThat(lines).as(file).isLessThanOrEqualTo(80));
  }

  private static Map<String, Long> linesOver(long limit, java.util.function.Predicate<Path> which)
      throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).filter(which).toList()) {
        long lines = Files.readAllLines(file).size();
        if (lines > limit) {
          sizes.put(MAIN.relativize(file).toString(), lines);
        }
      }
    }
    return sizes;
  }
}
