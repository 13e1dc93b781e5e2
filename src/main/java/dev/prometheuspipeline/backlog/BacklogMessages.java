package dev.prometheuspipeline.backlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.deploy.TargetProperties;
import dev.prometheuspipeline.release.ApprovalRequested;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ModoConcluded;
import dev.prometheuspipeline.release.Stage;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the other systems hear from the pipeline, written in the same transaction as the engine step
 * that caused it: the {@code resultado} back on the row that asked, {@code aprovar_release} for
 * MS_PRODUTO, and {@code validar_implantacao} once a deployment is verified (seed 004, section 2.4).
 */
@Component
class BacklogMessages {
  private final Backlog backlog;
  private final ObjectMapper json;
  private final TargetProperties target;

  BacklogMessages(Backlog backlog, ObjectMapper json, TargetProperties target) {
    this.backlog = backlog;
    this.json = json;
    this.target = target;
  }

  @EventListener
  void onModoConcluded(ModoConcluded concluded) {
    backlog.conclude(concluded.runId(), concluded.modo(), concluded.resultado());
    if (concluded.modo() == Modo.IMPLANTAR && concluded.resultado().succeeded()) {
      JsonNode deploy = concluded.resultado().etapas().get(Stage.DEPLOY.wireName());
      ObjectNode contexto = json.createObjectNode()
          .put("release_ref", concluded.releaseRef())
          .put("release_id", concluded.runId())
          .put("deployment_id", deploy == null ? "" : deploy.path("deployment_id").asText())
          .put("ambiente", target.environment());
      backlog.emit(Backlog.VALIDAR_IMPLANTACAO, contexto, concluded.runId());
    }
  }

  @EventListener
  void onApprovalRequested(ApprovalRequested requested) {
    JsonNode test = requested.validar().etapas().get(Stage.TEST.wireName());
    ObjectNode contexto = json.createObjectNode()
        .put("release_ref", requested.releaseRef())
        .put("release_id", requested.runId())
        .put("testes_passaram", test != null && "success".equals(test.path("status").asText())
            && test.path("falhou").asInt(0) == 0);
    contexto.set("cobertura", test != null && test.has("cobertura") ? test.get("cobertura") : json.nullNode());
    backlog.emit(Backlog.APROVAR_RELEASE, contexto, requested.runId());
  }
}
