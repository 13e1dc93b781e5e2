package dev.prometheuspipeline.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Seed 001's ids travel with the contexto into the run, and so into the provenance. */
class ContextoTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode contexto(String extra) throws Exception {
    return JSON.readTree("{\"modo\": \"validar\", \"release_ref\": \"r-1\", " + extra + "\"artefatos\": "
        + "[{\"tipo\": \"bpmn\", \"path\": \"Genesis/bpmn/pedido.bpmn\", \"sha\": \"9f3c2a1\"}]}");
  }

  @Test
  void keepsTheIntentAndPlanIdsAndWritesThemBack() throws Exception {
    Contexto parsed = Contexto.parse(contexto("\"intent_id\": \"intent-42\", \"plan_id\": \"plan-9\", "),
        Optional.empty());

    assertThat(parsed.intentId()).isEqualTo("intent-42");
    assertThat(parsed.planId()).isEqualTo("plan-9");
    JsonNode written = parsed.toJson(JSON);
    assertThat(written.path("intent_id").asText()).isEqualTo("intent-42");
    assertThat(written.path("plan_id").asText()).isEqualTo("plan-9");
  }

  @Test
  void aContextoWithoutThemIsWrittenBackAsBefore() throws Exception {
    JsonNode written = Contexto.parse(contexto(""), Optional.empty()).toJson(JSON);

    assertThat(written.has("intent_id")).isFalse();
    assertThat(written.has("plan_id")).isFalse();
  }

  @Test
  void anIntentIdWithSpacesIsRefusedNamingTheField() throws Exception {
    JsonNode bad = contexto("\"intent_id\": \"rm -rf /\", ");

    assertThatThrownBy(() -> Contexto.parse(bad, Optional.empty())).isInstanceOf(InvalidContextoException.class)
        .hasMessageContaining("contexto.intent_id");
  }

  private static JsonNode generated(String confiancaA, String confiancaB) throws Exception {
    return JSON.readTree("{\"modo\": \"validar\", \"release_ref\": \"r-1\", \"artefatos\": ["
        + "{\"tipo\": \"bpmn\", \"path\": \"Genesis/bpmn/a.bpmn\", \"sha\": \"9f3c2a1\"" + confiancaA + "},"
        + "{\"tipo\": \"dmn\", \"path\": \"Genesis/dmn/b.dmn\", \"sha\": \"9f3c2a1\"" + confiancaB + "}]}");
  }

  @Test
  void keepsTheConfiancaOfGeneratedArtifactsAndWritesItBack() throws Exception {
    Contexto parsed = Contexto.parse(generated(", \"confianca\": 0.91", ", \"confianca\": 0.62"), Optional.empty());

    assertThat(parsed.artefatos()).extracting(Artifact::confidence).containsExactly(0.91, 0.62);
    assertThat(parsed.lowestConfidence()).contains(0.62);
    assertThat(parsed.toJson(JSON).at("/artefatos/1/confianca").asDouble()).isEqualTo(0.62);
  }

  @Test
  void artifactsPeopleWroteHaveNoConfianca() throws Exception {
    Contexto parsed = Contexto.parse(generated("", ", \"confianca\": 1"), Optional.empty());

    assertThat(parsed.artefatos().get(0).confidence()).isNull();
    assertThat(parsed.lowestConfidence()).contains(1.0);
    assertThat(parsed.toJson(JSON).at("/artefatos/0").has("confianca")).isFalse();
    assertThat(Contexto.parse(contexto(""), Optional.empty()).lowestConfidence()).isEmpty();
  }

  @Test
  void aConfiancaOutsideZeroToOneOrNotANumberIsRefusedNamingTheArtifact() throws Exception {
    for (String bad : new String[] {"85", "-0.1", "\"0.9\"", "true"}) {
      assertThatThrownBy(() -> Contexto.parse(generated("", ", \"confianca\": " + bad), Optional.empty()))
          .as("confianca %s", bad).isInstanceOf(InvalidContextoException.class)
          .hasMessageContaining("contexto.artefatos[1].confianca").hasMessageContaining("from 0 to 1");
    }
  }
}
