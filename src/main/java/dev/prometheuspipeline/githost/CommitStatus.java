package dev.prometheuspipeline.githost;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.Modo;

/**
 * One status on the pushed commit, under the modo's own name ({@code prometheus-pipeline/validar},
 * {@code …/implantar}), so a host's branch protection can require validar alone.
 */
public record CommitStatus(Modo modo, State state, String description) {
  /** The hosts' descriptions are short (GitHub keeps 140 characters). */
  static final int MAX_DESCRIPTION = 140;

  /** The states all three hosts know, each spelled by the client in its host's words. */
  public enum State { PENDING, RUNNING, SUCCESS, FAILURE }

  public CommitStatus {
    requireNonNull(modo, "modo");
    requireNonNull(state, "state");
    description = description == null ? "" : description.strip().replaceAll("\\s+", " ");
    if (description.length() > MAX_DESCRIPTION) {
      description = description.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
  }

  public String context(String prefix) {
    return prefix + "/" + modo.wireName();
  }
}
