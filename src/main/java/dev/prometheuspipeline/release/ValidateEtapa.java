package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code etapas.validate}: the findings that fail the release ({@code erros}), the others
 * ({@code avisos}), and links to the JSON, SARIF and HTML reports. A fetch that could not read the
 * release writes this etapa too, with only {@code erros}: the contract has no fetch etapa.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidateEtapa(
    StageStatus status,
    List<Finding> erros,
    List<Finding> avisos,
    String relatorio,
    @JsonProperty("relatorio_sarif") String relatorioSarif,
    @JsonProperty("relatorio_html") String relatorioHtml) implements Etapa {

  public ValidateEtapa {
    requireNonNull(status, "status");
    erros = List.copyOf(erros);
    avisos = avisos == null ? null : List.copyOf(avisos);
  }

  /** What a fetch that could not read the release reports: each problem as an error, no report. */
  public static ValidateEtapa fetchFailed(List<String> problems) {
    return new ValidateEtapa(StageStatus.FAILED,
        problems.stream().map(problem -> new Finding(null, null, null, null, "fetch", "error", problem, null, null))
            .toList(),
        null, null, null, null);
  }

  /**
   * One finding on the wire. Every field is set for a validator's finding; a fetch problem carries only
   * {@code rule}, {@code severity} and {@code message}, so absent fields are left out rather than null.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Finding(String file, Integer line, Integer column, String elementId, String rule, String severity,
      String message, String fix, String docs) {
    public Finding {
      requireNonNull(rule, "rule");
      requireNonNull(severity, "severity");
      requireNonNull(message, "message");
    }
  }
}
