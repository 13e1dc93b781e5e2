package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code etapas.test}: the contract's {@code passou}, {@code falhou} and {@code cobertura} (null when no
 * model test measured it, which is not zero), a breakdown per kind of test and per model, the failures
 * (at most a bounded number; the reports hold them all) and links to the JSON, HTML and JUnit reports.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestEtapa(
    StageStatus status,
    long passou,
    long falhou,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double cobertura,
    String motivo,
    @JsonProperty("por_tipo") Map<String, Counts> porTipo,
    @JsonProperty("cobertura_detalhe") CoverageDetail coberturaDetalhe,
    List<Failure> falhas,
    String relatorio,
    @JsonProperty("relatorio_html") String relatorioHtml,
    @JsonProperty("relatorio_junit") String relatorioJunit) implements Etapa {

  public TestEtapa {
    requireNonNull(status, "status");
    porTipo = porTipo == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(porTipo));
    falhas = falhas == null ? null : List.copyOf(falhas);
  }

  /** Passed and failed tests of one kind ({@code cenarios}, {@code decisoes}, …). */
  public record Counts(long passou, long falhou) {}

  /** Coverage per process and decision, and of the workers' own code when their tests report it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CoverageDetail(List<ProcessCoverage> processos, List<DecisionCoverage> decisoes,
      WorkerCoverage workers) {
    public CoverageDetail {
      processos = List.copyOf(processos);
      decisoes = List.copyOf(decisoes);
    }
  }

  public record ProcessCoverage(String key, String name, String file, long cobertos, long total, double cobertura) {}

  public record DecisionCoverage(String key, String name, String file,
      @JsonProperty("regras_disparadas") long regrasDisparadas, long regras, double cobertura) {}

  public record WorkerCoverage(double cobertura, @JsonProperty("linhas_cobertas") long linhasCobertas, long linhas,
      String fonte) {}

  /**
   * A failed test, named by file and test, with the step and what was expected and seen; a resource that
   * did not deploy into the sandbox carries only {@code file}, {@code test} and {@code message}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Failure(String file, String test, String status, Integer step, String instruction, String expected,
      String actual, String message) {
    public Failure {
      requireNonNull(file, "file");
      requireNonNull(test, "test");
      requireNonNull(message, "message");
    }
  }
}
