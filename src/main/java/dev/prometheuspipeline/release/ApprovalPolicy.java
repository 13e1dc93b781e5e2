package dev.prometheuspipeline.release;

/**
 * Who approves a release and how long they have: what starting a release needs to know of the
 * approval, without depending on where it is configured. Durations are ISO-8601, as the engine's
 * timers take them.
 */
public interface ApprovalPolicy {
  /** The candidate group of the approval task ({@code ms-produto}). */
  String group();

  /** Who an unanswered approval escalates to ({@code ms-produto-gestores}). */
  String escalationGroup();

  String reminder();

  String escalation();

  String expiry();
}
