package dev.prometheuspipeline.notes;

/** What happened to an artifact, or to an element inside one, between two releases. */
public enum Kind {
  ADDED,
  REMOVED,
  CHANGED,
  UNCHANGED
}
