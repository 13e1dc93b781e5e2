package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code etapas.rollback}: what was undone, one entry per action in the order they ran. After a failed
 * deploy or verification, {@code ambiente} is the environment rolled back; after a manual rollback, the
 * environments in the order they were undone ({@code producao, homologacao}) and {@code pedido} says who
 * asked, why, and who approved. {@code status} is {@code success} when everything was undone.
 */
public record RollbackEtapa(StageStatus status, String ambiente, List<Acao> acoes,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Pedido> pedido) implements Etapa {
  public RollbackEtapa {
    requireNonNull(status, "status");
    requireNonNull(ambiente, "ambiente");
    acoes = List.copyOf(acoes);
    pedido = pedido == null ? Optional.empty() : pedido;
  }

  /** The automatic rollback of one environment. */
  public RollbackEtapa(StageStatus status, String ambiente, List<Acao> acoes) {
    this(status, ambiente, acoes, Optional.empty());
  }

  /** This rollback with the actions of a later one on the same environment added (a retried rollback). */
  public RollbackEtapa then(RollbackEtapa next) {
    if (!next.ambiente.equals(ambiente)) {
      return next;
    }
    return new RollbackEtapa(next.status, ambiente, merged(next), next.pedido.or(() -> pedido));
  }

  /**
   * This manual rollback with the next environment's (or, for a retried one, the same environment's)
   * actions after it: one etapa for every environment the release was undone on.
   */
  public RollbackEtapa alongside(RollbackEtapa next) {
    List<String> ambientes = new ArrayList<>(Arrays.asList(ambiente.split(", ")));
    if (!ambientes.contains(next.ambiente)) {
      ambientes.add(next.ambiente);
    }
    return new RollbackEtapa(next.status, String.join(", ", ambientes), merged(next), next.pedido.or(() -> pedido));
  }

  private List<Acao> merged(RollbackEtapa next) {
    List<Acao> all = new ArrayList<>(acoes);
    next.acoes.stream().filter(a -> !all.contains(a)).forEach(all::add);
    return all;
  }

  /**
   * One action: {@code acao} is {@code delete-deployment}, {@code redeploy-previous},
   * {@code suspend-definition} or {@code redeploy-workers}; {@code alvo} what it acted on;
   * {@code status} {@code done} or {@code failed}; {@code detalhe} what happened.
   */
  public record Acao(String acao, String alvo, String status, String detalhe) {
    public Acao {
      requireNonNull(acao, "acao");
      requireNonNull(alvo, "alvo");
      requireNonNull(status, "status");
      requireNonNull(detalhe, "detalhe");
    }
  }

  /**
   * A manual rollback: {@code rollback} its process instance, {@code por} who asked, {@code motivo}
   * why, {@code aprovado_por} who approved it (never the one who asked, nor the release's author).
   */
  public record Pedido(String rollback, String por, String motivo, @JsonProperty("aprovado_por") String aprovadoPor) {
    public Pedido {
      requireNonNull(rollback, "rollback");
      requireNonNull(por, "por");
      requireNonNull(motivo, "motivo");
      requireNonNull(aprovadoPor, "aprovadoPor");
    }
  }
}
