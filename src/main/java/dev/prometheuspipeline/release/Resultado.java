package dev.prometheuspipeline.release;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's {@code resultado} of one modo: {@code status} ({@code sucesso}|{@code falha}),
 * {@code modo} and {@code etapas}, key names fixed by the contract. Two additions for people:
 * {@code motivo}, why a failed modo failed, {@code regra_de_ouro}, the gate's verdict and reasons, and
 * {@code aprovacoes}, on a validar that now waits for its approval: how many distinct approvers it needs and why.
 * {@code etapas} holds exactly the modo's stages, in the contract's order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resultado(
    String status,
    String modo,
    Map<String, Etapa> etapas,
    String motivo,
    @JsonProperty("regra_de_ouro") Gate regraDeOuro,
    Aprovacoes aprovacoes) {

  public static final String SUCESSO = "sucesso";
  public static final String FALHA = "falha";

  public Resultado {
    etapas = Collections.unmodifiableMap(new LinkedHashMap<>(etapas));
  }

  /**
   * The gate's verdict ({@code aprovado}|{@code aprovado com ressalvas}|{@code reprovado}) and one reason per
   * criterion; with the scored Regra de Ouro also the score, the table of criteria and the waiver, if any.
   * Gates from before the score carry only {@code veredito} and {@code motivos}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Gate(
      @JsonProperty("veredito") String verdict,
      @JsonProperty("motivos") List<String> reasons,
      @JsonProperty("pontuacao") Double score,
      @JsonProperty("criterios") List<Criterion> criteria,
      @JsonProperty("dispensa") Waiver waiver) {
    public Gate {
      reasons = List.copyOf(reasons);
      criteria = criteria == null ? null : List.copyOf(criteria);
    }

    public Gate(String verdict, List<String> reasons) {
      this(verdict, reasons, null, null, null);
    }
  }

  /** One criterion of the Regra de Ouro: {@code status} is {@code pass}, {@code warn} or {@code fail}. */
  public record Criterion(
      @JsonProperty("criterio") String id,
      @JsonProperty("status") String status,
      @JsonProperty("peso") int weight,
      @JsonProperty("motivo") String reason) {}

  /** Failed criteria that release-admin waived, why, and who. */
  public record Waiver(
      @JsonProperty("criterios") List<String> criteria,
      @JsonProperty("motivo") String reason,
      @JsonProperty("por") String by) {
    public Waiver {
      criteria = List.copyOf(criteria);
    }
  }

  /**
   * The approvals a release needs ({@code quorum} distinct people, none the requester), who gave theirs so far
   * ({@code aprovadores}, in order) and why this many ({@code motivo}, from the approval routing).
   */
  public record Aprovacoes(int quorum, List<String> aprovadores, String motivo) {
    public Aprovacoes {
      aprovadores = List.copyOf(aprovadores);
      motivo = motivo == null ? "" : motivo;
    }
  }

  /** This resultado, saying which approvals the release waits for. */
  public Resultado withAprovacoes(Aprovacoes waiting) {
    return new Resultado(status, modo, etapas, motivo, regraDeOuro, waiting);
  }

  /**
   * Concludes a modo from its recorded stages; a stage that never ran is {@code skipped}.
   * {@code motivo} is kept only for a failure.
   */
  public static Resultado of(Modo modo, boolean success, Map<Stage, Etapa> stages, String motivo, Gate gate) {
    Map<String, Etapa> etapas = new LinkedHashMap<>();
    for (Stage stage : modo.stages()) {
      if (stages.containsKey(stage) || stage.reportedWhenNotRun()) {
        etapas.put(stage.wireName(), stages.getOrDefault(stage, SkippedEtapa.INSTANCE));
      }
    }
    return new Resultado(success ? SUCESSO : FALHA, modo.wireName(), etapas,
        success || motivo == null || motivo.isBlank() ? null : motivo, gate, null);
  }

  @JsonIgnore
  public boolean succeeded() {
    return SUCESSO.equals(status);
  }

  /** The etapa of {@code stage} when it ran in this modo. */
  public <E extends Etapa> Optional<E> etapa(Stage stage, Class<E> type) {
    return Optional.ofNullable(etapas.get(stage.wireName())).filter(type::isInstance).map(type::cast);
  }
}
