package dev.prometheuspipeline.backlog;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.prometheuspipeline.release.ApprovalRequested;
import dev.prometheuspipeline.release.DeployEtapa;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ModoConcluded;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.TestEtapa;
import java.util.List;
import java.util.Optional;
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

  BacklogMessages(Backlog backlog) {
    this.backlog = backlog;
  }

  /** The {@code contexto} of {@code aprovar_release}; key names fixed by the contract. */
  record AprovarRelease(@JsonProperty("release_ref") String releaseRef, @JsonProperty("release_id") String releaseId,
      @JsonProperty("testes_passaram") boolean testesPassaram, Double cobertura) {}

  /** The {@code contexto} of {@code validar_implantacao}; key names fixed by the contract. */
  record ValidarImplantacao(@JsonProperty("release_ref") String releaseRef,
      @JsonProperty("release_id") String releaseId, @JsonProperty("deployment_id") String deploymentId,
      String ambiente) {}

  @EventListener
  void onModoConcluded(ModoConcluded concluded) {
    backlog.conclude(concluded.runId(), concluded.modo(), concluded.resultado());
    if (concluded.modo() == Modo.IMPLANTAR && concluded.resultado().succeeded()) {
      // One message per environment the release reached, in order, each with its own deployment ids.
      concluded.resultado().etapa(Stage.DEPLOY, DeployEtapa.class).map(DeployEtapa::ambientes).orElse(List.of())
          .forEach(ambiente -> backlog.emit(Backlog.VALIDAR_IMPLANTACAO, new ValidarImplantacao(
              concluded.releaseRef(), concluded.runId(), ambiente.deploymentId(), ambiente.ambiente()),
              concluded.runId()));
    }
  }

  @EventListener
  void onApprovalRequested(ApprovalRequested requested) {
    Optional<TestEtapa> test = requested.validar().etapa(Stage.TEST, TestEtapa.class);
    boolean passed = test.map(t -> t.status() == StageStatus.SUCCESS && t.falhou() == 0).orElse(false);
    backlog.emit(Backlog.APROVAR_RELEASE, new AprovarRelease(requested.releaseRef(), requested.runId(), passed,
        test.map(TestEtapa::cobertura).orElse(null)), requested.runId());
  }
}
