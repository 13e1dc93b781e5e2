package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's attestations as the run store keeps them and {@code GET /api/releases/{id}/attestations} serves them: a
 * JSON list of {@code {artifact, path, sha, sha256, bundle}}, the bundle as the Sigstore JSON object itself, so a
 * client hands it to {@code cosign} or {@code sigstore-js} unchanged.
 */
public final class AttestationSet {
  /** Report kind in the run store. */
  public static final String KIND = "attestations";
  public static final String MEDIA_TYPE = "application/json";
  /** {@link Attestation#artifact()} of the SBOM's signature. */
  public static final String SBOM = "sbom";
  /** {@link Attestation#artifact()} of the signed provenance statement. */
  public static final String PROVENANCE = "provenance";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AttestationSet() {}

  /** The list as JSON, in the given order. */
  public static String json(List<Attestation> attestations) {
    try {
      return JSON.writeValueAsString(attestations.stream()
          .map(a -> new Wire(a.artifact(), a.path(), a.sha(), a.sha256(), a.bundle())).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("attestations of strings always serialize", e);
    }
  }

  /**
   * Reads a list {@link #json} wrote.
   *
   * @throws IllegalStateException when the stored text is not such a list: the store was changed by hand
   */
  public static List<Attestation> parse(String json) {
    try {
      List<Attestation> attestations = new ArrayList<>();
      for (JsonNode entry : JSON.readTree(json)) {
        attestations.add(new Attestation(entry.path("artifact").asText(), entry.path("path").asText(),
            entry.path("sha").asText(), entry.path("sha256").asText(), JSON.writeValueAsString(entry.path("bundle"))));
      }
      return attestations;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored attestations are not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private record Wire(String artifact, String path, String sha, String sha256, @JsonRawValue String bundle) {}
}
