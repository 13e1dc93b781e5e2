package dev.prometheuspipeline.release;

/**
 * What the target engine already holds, for references a release does not ship itself: a call activity
 * may call a process deployed by an earlier release. An answer is {@link Presence#UNKNOWN} when there is
 * no target to ask (no target configured, the CLI offline, the target down), which is not the same as
 * {@link Presence#ABSENT}: only an absent definition is an error.
 */
public interface DeployedDefinitions {
  /** The kinds of definition a model refers to by key. */
  enum Kind {
    PROCESS("process"),
    DECISION("decision"),
    FORM("form");

    private final String noun;

    Kind(String noun) {
      this.noun = noun;
    }

    public String noun() {
      return noun;
    }
  }

  enum Presence {
    PRESENT,
    ABSENT,
    UNKNOWN
  }

  /** Whether a definition with this key (process id, decision id, form id) is deployed on the target. */
  Presence lookup(Kind kind, String key);

  /** Names the target in findings: {@code target http://camunda:8080/engine-rest}. */
  String describe();

  /**
   * Opens a view of the current target. A view caches its answers, so a stage opens one per run: the
   * target may change between runs.
   */
  @FunctionalInterface
  interface Source {
    DeployedDefinitions open();
  }

  /** No target to ask: every answer is {@link Presence#UNKNOWN}. */
  static DeployedDefinitions none() {
    return new DeployedDefinitions() {
      @Override
      public Presence lookup(Kind kind, String key) {
        return Presence.UNKNOWN;
      }

      @Override
      public String describe() {
        return "no target";
      }
    };
  }
}
