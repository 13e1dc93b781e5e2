package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code etapas.sbom}: how many components the release's SBOM lists (its artifacts and the workers'
 * locked dependencies), the links to the CycloneDX and SPDX documents in the run store, and what could
 * not be listed ({@code problemas}: a worker without a lock file, say), so a thin SBOM never looks whole.
 */
public record SbomEtapa(
    StageStatus status,
    int componentes,
    int dependencias,
    String relatorio,
    @JsonProperty("relatorio_spdx") String relatorioSpdx,
    String sha256,
    List<String> problemas) implements Etapa {

  public SbomEtapa {
    requireNonNull(status, "status");
    problemas = List.copyOf(problemas);
  }
}
