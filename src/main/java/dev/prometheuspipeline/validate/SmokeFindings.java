package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.smoke.SmokeFileCheck;
import dev.prometheuspipeline.testing.TestFile;
import java.util.List;

/**
 * The release's smoke files, checked at validation although they run only on targets after a deploy: a
 * smoke file that cannot run would otherwise be found only then, with the release already deployed.
 */
final class SmokeFindings {
  static final RuleInfo SMOKE_FILE = RuleInfo.lint("release-smoke-file-runs-live", "release", Severity.ERROR,
      "Every smoke file can run on a target",
      "Smoke files (tests/<product>/smoke/) run on each target after the deploy, against its real workers; one"
          + " that does not read, uses an instruction only the sandbox has (mocks, time, signals), or names a"
          + " process, element, topic or message the release does not define fails verification after the"
          + " release is already deployed.",
      "Fix the file as the message says, keep sandbox-only instructions in tests outside smoke/, and name the"
          + " release's own process ids, element ids, topics and messages");
  static final List<RuleInfo> RULES = List.of(SMOKE_FILE);

  private SmokeFindings() {}

  static List<Finding> of(List<TestFile> smokeFiles, List<FetchedArtifact> artifacts) {
    return SmokeFileCheck.check(smokeFiles, artifacts).stream()
        .map(problem -> new Finding(problem.file(), problem.line(), 0, "", SMOKE_FILE.id(), SMOKE_FILE.defaultSeverity(),
            problem.message(), SMOKE_FILE.fix()))
        .toList();
  }
}
