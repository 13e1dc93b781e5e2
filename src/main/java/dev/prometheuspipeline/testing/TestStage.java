package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.WorkerCheckouts;
import java.util.List;

/**
 * The TEST stage of a release, on what the fetch stage stored: the models in a sandbox, the tests
 * fetched beside them, and each worker's own tests in a checkout at its commit.
 */
public final class TestStage {
  private final ReleaseTester tester;
  private final ArtifactFetcher fetcher;

  public TestStage(ReleaseTester tester, ArtifactFetcher fetcher) {
    this.tester = requireNonNull(tester, "tester");
    this.fetcher = requireNonNull(fetcher, "fetcher");
  }

  /** Tests the release; failing tests are in the outcome, only an engine that cannot start throws. */
  public ReleaseTestOutcome test(List<FetchedArtifact> artifacts, List<CompanionFile> companions) {
    List<TestFile> tests = companions.stream()
        .filter(file -> file.kind() == CompanionFile.Kind.TEST)
        .map(file -> new TestFile(file.path(), file.content()))
        .toList();
    try (WorkerCheckouts workers = WorkerCheckouts.of(fetcher, artifacts)) {
      return tester.test(artifacts, tests, workers.directories());
    }
  }

  /** The outcome's reports, as the store keeps them. */
  public static TestReportSet reports(String title, ReleaseTestOutcome outcome, List<FetchedArtifact> artifacts) {
    List<FetchedArtifact> models = artifacts.stream().filter(a -> a.type().isEngineResource()).toList();
    return new TestReportSet(TestReports.json(outcome.run()), TestReports.html(title, outcome.run(), models),
        TestReports.junitXml(outcome.run().results()));
  }

  /** The JSON, HTML (with the coverage pictures) and JUnit XML reports of one test stage. */
  public record TestReportSet(String json, String html, String junitXml) {}
}
