package dev.prometheuspipeline.release;

/** How a run was asked for. */
public enum Trigger {
  API("api"),
  WEBHOOK("webhook"),
  BACKLOG("backlog");

  private final String wireName;

  Trigger(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Trigger fromWire(String wire) {
    for (Trigger trigger : values()) {
      if (trigger.wireName.equals(wire)) {
        return trigger;
      }
    }
    throw new IllegalArgumentException("unknown trigger " + wire);
  }
}
