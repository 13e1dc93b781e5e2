package dev.prometheuspipeline.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.RollbackEtapa.Acao;
import dev.prometheuspipeline.release.RollbackEtapa.Pedido;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** {@code etapas.rollback} on the wire, automatic and manual, and how a manual one grows environment by environment. */
class RollbackEtapaTest {
  private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
  private static final Pedido PEDIDO = new Pedido("rb-1", "bob", "pedidos stuck", "erin");
  private static final Acao PRODUCAO = new Acao("delete-deployment", "d-2", "done", "deleted deployment d-2");
  private static final Acao HOMOLOGACAO = new Acao("delete-deployment", "d-1", "done", "deleted deployment d-1");

  @Test
  void anAutomaticRollbackHasNoPedidoOnTheWire() throws Exception {
    JsonNode wire = JSON.valueToTree(new RollbackEtapa(StageStatus.SUCCESS, "producao", List.of(PRODUCAO)));

    assertThat(wire.has("pedido")).isFalse();
    assertThat(JSON.treeToValue(wire, RollbackEtapa.class).pedido()).isEmpty();
  }

  @Test
  void aManualRollbackSaysWhoAskedWhyAndWhoApprovedAndReadsBackTheSame() throws Exception {
    RollbackEtapa etapa = new RollbackEtapa(StageStatus.SUCCESS, "producao", List.of(PRODUCAO), Optional.of(PEDIDO));

    JsonNode wire = JSON.valueToTree(etapa);

    assertThat(wire.at("/pedido/rollback").asText()).isEqualTo("rb-1");
    assertThat(wire.at("/pedido/por").asText()).isEqualTo("bob");
    assertThat(wire.at("/pedido/motivo").asText()).isEqualTo("pedidos stuck");
    assertThat(wire.at("/pedido/aprovado_por").asText()).isEqualTo("erin");
    assertThat(JSON.treeToValue(wire, RollbackEtapa.class)).isEqualTo(etapa);
  }

  @Test
  void eachEnvironmentIsAddedInTheOrderItWasRolledBackAndARetryAddsOnlyNewActions() {
    RollbackEtapa producao = new RollbackEtapa(StageStatus.SUCCESS, "producao", List.of(PRODUCAO), Optional.of(PEDIDO));
    RollbackEtapa failed = new RollbackEtapa(StageStatus.FAILED, "homologacao",
        List.of(new Acao("suspend-definition", "order:2", "failed", "HTTP 403")), Optional.of(PEDIDO));
    RollbackEtapa retried = new RollbackEtapa(StageStatus.SUCCESS, "homologacao", List.of(HOMOLOGACAO),
        Optional.of(PEDIDO));

    RollbackEtapa all = producao.alongside(failed).alongside(retried);

    assertThat(all.ambiente()).isEqualTo("producao, homologacao");
    assertThat(all.acoes()).extracting(Acao::alvo).containsExactly("d-2", "order:2", "d-1");
    assertThat(all.status()).isEqualTo(StageStatus.SUCCESS);
    assertThat(all.pedido()).contains(PEDIDO);
  }
}
