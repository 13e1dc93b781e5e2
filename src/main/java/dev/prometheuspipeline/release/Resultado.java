package dev.prometheuspipeline.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's {@code resultado} of one modo: {@code status} ({@code sucesso}|{@code falha}),
 * {@code modo} and {@code etapas}, key names fixed by the contract. Two additions for people:
 * {@code motivo}, why a failed modo failed, and {@code regra_de_ouro}, the gate's verdict and reasons.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resultado(
    String status,
    String modo,
    Map<String, JsonNode> etapas,
    String motivo,
    @JsonProperty("regra_de_ouro") Gate regraDeOuro) {

  public static final String SUCESSO = "sucesso";
  public static final String FALHA = "falha";

  public Resultado {
    etapas = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(etapas));
  }

  /** The gate's verdict ({@code aprovado}|{@code reprovado}) and one reason per rule that fired. */
  public record Gate(@JsonProperty("veredito") String verdict, @JsonProperty("motivos") List<String> reasons) {
    public Gate {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * Concludes a modo from its recorded stages; a stage that never ran is {@code skipped}.
   * {@code motivo} is kept only for a failure.
   */
  public static Resultado of(Modo modo, boolean success, Map<Stage, JsonNode> stages, String motivo, Gate gate) {
    Map<String, JsonNode> etapas = new LinkedHashMap<>();
    for (Stage stage : modo.stages()) {
      JsonNode etapa = stages.get(stage);
      etapas.put(stage.wireName(), etapa != null ? etapa
          : JsonNodeFactory.instance.objectNode().put("status", StageStatus.SKIPPED.wireName()));
    }
    return new Resultado(success ? SUCESSO : FALHA, modo.wireName(), etapas,
        success || motivo == null || motivo.isBlank() ? null : motivo, gate);
  }

  public boolean succeeded() {
    return SUCESSO.equals(status);
  }
}
