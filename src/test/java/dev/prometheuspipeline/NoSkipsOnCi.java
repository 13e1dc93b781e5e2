package dev.prometheuspipeline;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Under {@code CI=true} a test that would be skipped fails instead: an assumption that does not hold (a tool
 * missing, a corpus not unpacked, a registry out of reach) aborts the test elsewhere, but on CI a skip would hide
 * the loss of the test. Every test class gets it, without naming it: {@code junit-platform.properties} turns on
 * the detection of {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, which lists this class
 * alone (no library on the test class path registers one).
 */
public final class NoSkipsOnCi implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    throw failOnCi(thrown);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    throw failOnCi(thrown);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    throw failOnCi(thrown);
  }

  static Throwable failOnCi(Throwable thrown) {
    return onCi() && thrown instanceof TestAbortedException
        ? new AssertionError("Under CI=true no test is skipped, and this one would have been: " + thrown.getMessage()
            + ". CI's machine must have what it needs (.ci/run installs the tools).", thrown)
        : thrown;
  }

  static boolean onCi() {
    return "true".equals(System.getenv("CI"));
  }
}
