package dev.prometheuspipeline.notes;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.AssinaturasEtapa;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.SbomEtapa;
import dev.prometheuspipeline.release.VulnerabilidadesEtapa;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the release notes of one run say.
 *
 * @param releaseRef the contract's {@code release_ref}
 * @param runId the run that produced the release
 * @param previousReleaseRef the release before on the same target; empty for a first release
 * @param comparedWith what the changes are relative to, for people: the target ({@code producao}) or
 *     {@code nothing released yet}
 * @param changes per artifact, as {@link ModelChanges#between} gives them
 * @param gate the Regra de Ouro's verdict, when the gate ran
 * @param sbom the SBOM stage, when it ran
 * @param vulnerabilities the vulnerability stage, when it ran
 * @param signatures the signing stage, when it ran
 * @param attestationDigests artifact path → hex SHA-256 the attestations sign
 */
public record NotesInput(
    String releaseRef,
    String runId,
    Optional<String> previousReleaseRef,
    String comparedWith,
    List<ArtifactChange> changes,
    Optional<Resultado.Gate> gate,
    Optional<SbomEtapa> sbom,
    Optional<VulnerabilidadesEtapa> vulnerabilities,
    Optional<AssinaturasEtapa> signatures,
    Map<String, String> attestationDigests) {

  public NotesInput {
    requireNonNull(releaseRef, "releaseRef");
    requireNonNull(runId, "runId");
    requireNonNull(previousReleaseRef, "previousReleaseRef");
    requireNonNull(comparedWith, "comparedWith");
    changes = List.copyOf(changes);
    requireNonNull(gate, "gate");
    requireNonNull(sbom, "sbom");
    requireNonNull(vulnerabilities, "vulnerabilities");
    requireNonNull(signatures, "signatures");
    attestationDigests = Map.copyOf(attestationDigests);
  }
}
