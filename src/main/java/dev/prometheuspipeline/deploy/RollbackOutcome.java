package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.RollbackEtapa;
import dev.prometheuspipeline.release.RollbackEtapa.Acao;
import dev.prometheuspipeline.release.StageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The actions of one rollback, in the order they ran. */
public record RollbackOutcome(List<Acao> actions) {
  public RollbackOutcome {
    actions = List.copyOf(actions);
  }

  public List<Acao> failures() {
    return actions.stream().filter(a -> Rollback.FAILED.equals(a.status())).toList();
  }

  public boolean succeeded() {
    return failures().isEmpty();
  }

  /** This rollback with more actions after it (the workers'). */
  public RollbackOutcome and(List<Acao> more) {
    List<Acao> all = new ArrayList<>(actions);
    all.addAll(more);
    return new RollbackOutcome(all);
  }

  public RollbackEtapa etapa(String ambiente) {
    return new RollbackEtapa(succeeded() ? StageStatus.SUCCESS : StageStatus.FAILED, ambiente, actions);
  }

  /** What is left on the target and how to finish by hand: the incident's message when the rollback fails. */
  public String whatIsLeft() {
    return "Rollback incomplete: " + failures().stream().map(a -> a.acao() + " " + a.alvo() + " failed (" + a.detalhe()
        + ")").collect(Collectors.joining("; ")) + ". The other actions are done; fix the cause and retry this "
        + "incident in Cockpit, or undo the rest by hand in Cockpit's deployments view";
  }
}
