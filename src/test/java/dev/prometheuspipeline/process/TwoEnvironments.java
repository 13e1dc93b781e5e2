package dev.prometheuspipeline.process;

import java.util.List;

/**
 * The {@code deployEnvironments} bean of the model tests' engine: what {@code implantar.bpmn}'s
 * environments loop reads, as {@code deploy.TargetResolver} answers it for two configured environments.
 * Also their {@code rollbackEnvironments}: what {@code rollback.bpmn} undoes, as {@code rollback.RollbackOrder}
 * answers it for a release deployed to both, the last deployed first.
 */
public class TwoEnvironments {
  public static final List<String> NAMES = List.of("homologacao", "producao");

  public List<String> names() {
    return NAMES;
  }

  public List<String> of(String runId) {
    return List.of(NAMES.get(1), NAMES.get(0));
  }
}
