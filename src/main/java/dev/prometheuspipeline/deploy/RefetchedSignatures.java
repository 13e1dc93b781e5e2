package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.StoredReport;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.SourceException;
import dev.prometheuspipeline.supplychain.AttestationSet;
import dev.prometheuspipeline.supplychain.SignatureCheck;
import dev.prometheuspipeline.supplychain.SignatureReport;
import java.util.List;
import org.springframework.stereotype.Component;

/** The deploy gate's signature evidence: the release's artifacts fetched again, checked against validar's bundles. */
@Component
class RefetchedSignatures {
  private final RunArtifacts artifacts;
  private final RunReports reports;
  private final ArtifactFetcher fetcher;
  private final SignatureCheck signatures;

  RefetchedSignatures(RunArtifacts artifacts, RunReports reports, ArtifactFetcher fetcher, SignatureCheck signatures) {
    this.artifacts = artifacts;
    this.reports = reports;
    this.fetcher = fetcher;
    this.signatures = signatures;
  }

  /**
   * Empty when every artifact, fetched again, carries validar's signature over those very bytes.
   *
   * @throws SourceException (retryable) when Git cannot be reached just now
   */
  String problems(String runId) {
    List<FetchedArtifact> refetched;
    try {
      // Fetched again, not read from the store: what reaches the engine must be what Git holds at those commits.
      refetched = fetcher.fetch(artifacts.artifacts(runId));
    } catch (SourceException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return "the artifacts could not be fetched again at their commits: " + e.getMessage();
    }
    SignatureReport signed = signatures.check(refetched,
        reports.latest(runId, AttestationSet.KIND).map(StoredReport::body));
    return signed.passed() ? "" : SignatureCheck.boundedSummary(signed);
  }
}
