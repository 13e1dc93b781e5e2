package dev.prometheuspipeline.verify;

import static java.util.Objects.requireNonNull;

/**
 * One verification of the target after a deployment.
 *
 * @param name what was checked: {@code target-health}, {@code checksum:<path>} or {@code definition:<path>}
 * @param status whether it held
 * @param detail what was found, with deployment ids and digests, or why it failed and what to do
 */
public record Check(String name, CheckStatus status, String detail) {
  public Check {
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(detail, "detail");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a check needs a name");
    }
  }

  static Check passed(String name, String detail) {
    return new Check(name, CheckStatus.PASSED, detail);
  }

  static Check failed(String name, String detail) {
    return new Check(name, CheckStatus.FAILED, detail);
  }

  public boolean isPassed() {
    return status == CheckStatus.PASSED;
  }
}
