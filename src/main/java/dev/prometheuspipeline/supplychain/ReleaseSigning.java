package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signs what {@code validar} produced for one run: every artifact (as {@link ArtifactSigner#attest}), the SBOM,
 * and an SLSA provenance statement that names every artifact with its digest, signed as a DSSE envelope.
 * {@code implantar} checks the artifacts' attestations again before it deploys.
 */
public final class ReleaseSigning {
  private final EvidenceSigner signer;
  private final String builderId;

  /** @param builderId a URI naming this pipeline instance, the provenance's {@code builder.id} */
  public ReleaseSigning(SigningKey key, String builderId) {
    this(new ArtifactSigner(requireNonNull(key, "key")), builderId);
  }

  /** Signs with {@code signer}: the release key, or keyless. */
  public ReleaseSigning(EvidenceSigner signer, String builderId) {
    this.signer = requireNonNull(signer, "signer");
    this.builderId = requireNonNull(builderId, "builderId");
  }

  /**
   * What the run is: its release, where its artifacts come from, and the backlog's ids when {@code contexto}
   * carries them.
   *
   * @param intentId the contexto's {@code intent_id}; empty when it has none
   */
  public record Run(String runId, String releaseRef, String repository, String workersRepository, String intentId,
      Optional<String> planId, Instant startedOn) {
    public Run {
      requireNonNull(runId, "runId");
      requireNonNull(releaseRef, "releaseRef");
      requireNonNull(repository, "repository");
      workersRepository = workersRepository == null ? "" : workersRepository;
      intentId = intentId == null ? "" : intentId;
      requireNonNull(planId, "planId");
      requireNonNull(startedOn, "startedOn");
    }
  }

  /**
   * What was signed.
   *
   * @param attestations the artifacts' in the release's order, then the SBOM's, then the provenance's
   * @param artifactsSigned how many of the release's artifacts have an attestation
   * @param provenanceSha256 SHA-256 of the signed provenance bundle; empty for a release without artifacts
   * @param keyId who signed: {@link EvidenceSigner#signerId()}
   * @param provenanceStatement the statement signed: a keyless message signature (no Rekor v2 configured) does not
   *     carry it, so it is kept beside the bundles; empty for a release without artifacts
   */
  public record Signed(List<Attestation> attestations, int artifactsSigned, String provenanceSha256, String keyId,
      String provenanceStatement) {
    public Signed {
      attestations = List.copyOf(attestations);
    }
  }

  /**
   * Signs the run's evidence.
   *
   * @param sbom the stored CycloneDX text; empty when the release has none, and then nothing signs for it
   * @param packages the SBOM's packages, the provenance's resolved dependencies beside the commits
   */
  public Signed sign(Run run, List<FetchedArtifact> fetched, Optional<String> sbom, List<Dependency> packages,
      Instant finishedOn) {
    List<Attestation> attestations = new ArrayList<>();
    fetched.forEach(artifact -> attestations.add(signer.attest(artifact)));
    int artifactsSigned = attestations.size();
    sbom.ifPresent(text -> attestations.add(attestation(AttestationSet.SBOM, "sbom.cdx.json",
        signer.sign(text.getBytes(StandardCharsets.UTF_8)))));
    String provenanceSha256 = "";
    String statement = "";
    if (!fetched.isEmpty()) {
      statement = Provenance.statement(provenance(run, fetched, packages, finishedOn));
      Signature provenance = signer.signStatement(statement);
      attestations.add(attestation(AttestationSet.PROVENANCE, "provenance.intoto.json", provenance));
      provenanceSha256 = BundleVerifier.hex(SigningKeys.sha256(provenance.bundleJson().getBytes(StandardCharsets.UTF_8)));
    }
    return new Signed(attestations, artifactsSigned, provenanceSha256, signer.signerId(), statement);
  }

  private static Attestation attestation(String artifact, String path, Signature signature) {
    // The run's own evidence has no commit of its own; its digest is what the bundle signed.
    return new Attestation(artifact, path, "", signature.sha256(), signature.bundleJson());
  }

  private ProvenanceInput provenance(Run run, List<FetchedArtifact> fetched, List<Dependency> packages,
      Instant finishedOn) {
    Set<String> commits = new LinkedHashSet<>();
    List<ProvenanceInput.ResolvedDependency> resolved = new ArrayList<>();
    for (FetchedArtifact artifact : fetched) {
      String sha = artifact.artifact().sha();
      if (commits.add(sha)) {
        String repository = artifact.type() == ArtifactType.WORKER && !run.workersRepository().isEmpty()
            ? run.workersRepository() : run.repository();
        resolved.add(ProvenanceInput.ResolvedDependency.gitCommit(repository, sha));
      }
    }
    packages.forEach(dependency -> resolved.add(ProvenanceInput.ResolvedDependency.of(dependency, Optional.empty())));
    return new ProvenanceInput(run.releaseRef(), run.repository(), List.copyOf(commits), run.intentId(),
        run.planId(), run.runId(), builderId, run.startedOn(), finishedOn,
        fetched.stream().map(ProvenanceInput.Subject::of).toList(), resolved);
  }
}
