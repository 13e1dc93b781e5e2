package dev.prometheuspipeline.process;

import java.util.List;

/**
 * The {@code deployEnvironments} bean of the model tests' engine: what {@code implantar.bpmn}'s
 * environments loop reads, as {@code deploy.TargetResolver} answers it for two configured environments.
 */
public class TwoEnvironments {
  public static final List<String> NAMES = List.of("homologacao", "producao");

  public List<String> names() {
    return NAMES;
  }
}
