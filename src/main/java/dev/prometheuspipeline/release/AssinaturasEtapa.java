package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code etapas.assinaturas}: how many artifacts were signed (the SBOM and the provenance besides), the
 * signing key's id (hex SHA-256 of its public key, served at {@code /api/signing/public-key}), the
 * SHA-256 of the signed provenance bundle, and the link to every bundle ({@code /attestations}).
 */
public record AssinaturasEtapa(
    StageStatus status,
    int assinados,
    String chave,
    @JsonProperty("proveniencia_sha256") String provenienciaSha256,
    String relatorio) implements Etapa {

  public AssinaturasEtapa {
    requireNonNull(status, "status");
  }
}
