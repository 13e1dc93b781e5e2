package dev.prometheuspipeline.githost;

import java.util.Arrays;
import java.util.Optional;

/** The Git hosts whose own push webhooks and commit status APIs the pipeline speaks. */
public enum GitHostKind {
  GITHUB("github"),
  GITLAB("gitlab"),
  /** Gitea and its fork Forgejo, which keep Gitea's webhook and API formats. */
  GITEA("gitea");

  private final String wireName;

  GitHostKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<GitHostKind> fromWire(String value) {
    return Arrays.stream(values()).filter(kind -> kind.wireName.equalsIgnoreCase(value)).findFirst();
  }
}
