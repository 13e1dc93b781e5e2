package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

/**
 * A test file of the release, as read from its repository: a Camunda Process Test JSON file
 * ({@code testCases}), a decision test JSON file ({@code decision} and {@code cases}) or a DMN TCK test
 * case XML file ({@code testCases} in the TCK namespace). See {@code docs/test-cases.md}.
 *
 * @param path the file's path in its repository, with forward slashes ({@code tests/Genesis/pedido.json})
 * @param content the file's bytes
 */
public record TestFile(String path, byte[] content) {
  /** The folder of a product's tests that holds its smoke files. */
  public static final String SMOKE_FOLDER = "smoke";

  public TestFile {
    requireNonNull(path, "path");
    content = requireNonNull(content, "content").clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** Whether this is a DMN TCK test case file, wherever it lies (the TCK keeps them beside their models). */
  public boolean isTckTestCases() {
    return TckCases.isTestCases(content);
  }

  /**
   * Whether this is a smoke file, anywhere under a {@code smoke/} folder ({@code tests/Genesis/smoke/pedido.json}):
   * it runs on each target after a deploy, against live workers, never in the sandbox, where it would
   * only meet mocks.
   */
  public boolean isSmoke() {
    return ("/" + path).contains("/" + SMOKE_FOLDER + "/");
  }

  byte[] bytes() {
    return content;
  }
}
