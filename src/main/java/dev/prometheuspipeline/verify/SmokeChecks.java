package dev.prometheuspipeline.verify;

import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.smoke.SmokeResult;
import dev.prometheuspipeline.smoke.SmokeRuns;
import dev.prometheuspipeline.testing.TestFile;
import java.time.Duration;
import java.util.List;

/** The release's smoke files run on the target ({@link SmokeRuns}), one check per file: {@code smoke:<path>}. */
final class SmokeChecks {
  /** The one check when no file ran: skipped with the reason. */
  static final String ALL = "smoke:*";

  private final SmokeRuns runs;

  SmokeChecks(SmokeRuns runs) {
    this.runs = runs;
  }

  List<Check> checks(TargetEngineClient engine, List<TestFile> smokeFiles, String releaseRef, Duration timeout) {
    if (smokeFiles.isEmpty()) {
      return List.of(Check.skipped(ALL, "the release has no smoke files (tests/<product>/smoke/*.json), so nothing "
          + "ran on the target; add one to exercise the real workers after each deploy"));
    }
    return runs.run(engine, smokeFiles, releaseRef, timeout).stream().map(SmokeChecks::check).toList();
  }

  private static Check check(SmokeResult result) {
    CheckStatus status = switch (result.status()) {
      case PASSED -> CheckStatus.PASSED;
      case FAILED -> CheckStatus.FAILED;
      case SKIPPED -> CheckStatus.SKIPPED;
    };
    return new Check(result.name(), status, result.detail(), result.durationMs());
  }
}
