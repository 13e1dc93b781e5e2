package dev.prometheuspipeline.smoke;

import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.testing.TestFile;
import java.util.List;

/** The release's smoke files among the files fetched with its models: tests under a {@code smoke/} folder. */
public final class SmokeFiles {
  private SmokeFiles() {}

  /** The smoke files of {@code companions}, in their order (path order, as the fetch stage stores them). */
  public static List<TestFile> of(List<CompanionFile> companions) {
    return companions.stream()
        .filter(file -> file.kind() == CompanionFile.Kind.TEST)
        .map(file -> new TestFile(file.path(), file.content()))
        .filter(TestFile::isSmoke)
        .toList();
  }
}
