package dev.prometheuspipeline.stage;

/**
 * Thrown by a stage that cannot start yet for a reason that is not a failure (another release holds the
 * environment): the task is offered again after the stage's retry pause, its tries untouched, so waiting never
 * becomes an incident. The message says what it waits for; Cockpit shows it on the task.
 */
public class StageMustWait extends RuntimeException {
  public StageMustWait(String message) {
    super(message);
  }
}
