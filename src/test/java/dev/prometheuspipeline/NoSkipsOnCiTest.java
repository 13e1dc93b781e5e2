package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.opentest4j.TestAbortedException;

/** {@link NoSkipsOnCi}: what it does to a skip, on CI and elsewhere, and that every test class has it. */
class NoSkipsOnCiTest {

  @Test
  void aSkipBecomesAFailureOnlyOnCi() {
    TestAbortedException skipped = new TestAbortedException("npm is not on PATH");
    Throwable judged = NoSkipsOnCi.failOnCi(skipped);

    if (NoSkipsOnCi.onCi()) {
      assertThat(judged).isInstanceOf(AssertionError.class).hasCause(skipped)
          .hasMessageContaining("Under CI=true no test is skipped").hasMessageContaining("npm is not on PATH");
    } else {
      assertThat(judged).isSameAs(skipped);
    }
  }

  @Test
  void otherFailuresPassUnchanged() {
    AssertionError failed = new AssertionError("expected 2");
    assertThat(NoSkipsOnCi.failOnCi(failed)).isSameAs(failed);
  }

  /** Run through the JUnit Platform as Surefire runs it: the extension is found without the class naming it. */
  @Test
  void aClassThatDoesNotNameItStillHasIt() {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request().selectors(selectClass(Skips.class)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();

    if (NoSkipsOnCi.onCi()) {
      assertThat(summary.getTestsFailedCount()).isOne();
      assertThat(summary.getFailures().get(0).getException()).hasMessageContaining("Under CI=true no test is skipped");
    } else {
      assertThat(summary.getTestsAbortedCount()).isOne();
    }
  }

  /** Run only by the test above, through its own launcher; Surefire skips nested classes it is not asked for. */
  static class Skips {
    @Test
    void needsATool() {
      Assumptions.assumeTrue(false, "the tool is missing");
    }
  }
}
