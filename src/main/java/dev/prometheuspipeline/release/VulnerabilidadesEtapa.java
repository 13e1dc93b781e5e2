package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code etapas.vulnerabilidades}: the advisories that affect the SBOM's packages, counted by severity
 * without the suppressed ones ({@code suprimidas} counts those; an expired suppression counts again),
 * the link to the full report, and the sources that could not be asked ({@code problemas}): a count of
 * zero is only a zero when that list is empty.
 */
public record VulnerabilidadesEtapa(
    StageStatus status,
    int criticas,
    int altas,
    int moderadas,
    int baixas,
    int suprimidas,
    String relatorio,
    List<String> problemas) implements Etapa {

  public VulnerabilidadesEtapa {
    requireNonNull(status, "status");
    problemas = List.copyOf(problemas);
  }
}
