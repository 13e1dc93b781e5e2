package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code etapas.rollback}: what was undone on the environment {@code ambiente} after its deploy or
 * verification failed, one entry per action in the order they ran. {@code status} is {@code success}
 * when everything was undone.
 */
public record RollbackEtapa(StageStatus status, String ambiente, List<Acao> acoes) implements Etapa {
  public RollbackEtapa {
    requireNonNull(status, "status");
    requireNonNull(ambiente, "ambiente");
    acoes = List.copyOf(acoes);
  }

  /** This rollback with the actions of a later one on the same environment added (a retried rollback). */
  public RollbackEtapa then(RollbackEtapa next) {
    if (!next.ambiente.equals(ambiente)) {
      return next;
    }
    List<Acao> all = new ArrayList<>(acoes);
    next.acoes.stream().filter(a -> !all.contains(a)).forEach(all::add);
    return new RollbackEtapa(next.status, ambiente, all);
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
}
