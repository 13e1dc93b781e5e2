package dev.prometheuspipeline.githost;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a host's webhook delivery says, read from the host's own payload: the branch and the commit a push
 * left it at, and where (the repository, and GitLab's project id). Only a push that moves a branch to a
 * commit can start a release; everything else is {@link Type#IGNORED} with the reason.
 *
 * @param repository {@code owner/name} (GitHub, Gitea) or GitLab's {@code path_with_namespace}
 * @param projectId GitLab's numeric project id, which its API addresses projects by; empty elsewhere
 */
public record HostPush(GitHostKind host, Type type, String branch, String commit, String repository,
    String projectId, String reason) {
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._/-]{1,255}");
  private static final Pattern PROJECT_ID = Pattern.compile("[0-9]{1,19}");
  private static final String BRANCHES = "refs/heads/";
  private static final String TAGS = "refs/tags/";

  /** What the delivery asks of the pipeline. */
  public enum Type {
    /** A branch moved to a commit. */
    BRANCH_PUSH,
    /** GitHub's hello when a webhook is created: answered, nothing started. */
    PING,
    /** Tags, deleted branches, other events: answered with the reason, nothing started. */
    IGNORED
  }

  public HostPush {
    requireNonNull(host, "host");
    requireNonNull(type, "type");
    branch = branch == null ? "" : branch;
    commit = commit == null ? "" : commit;
    repository = repository == null ? "" : repository;
    projectId = projectId == null ? "" : projectId;
    reason = reason == null ? "" : reason;
  }

  /**
   * Reads a delivery.
   *
   * @param event the host's event header: {@code X-GitHub-Event}, {@code X-Gitlab-Event}, {@code X-Gitea-Event}
   * @throws IllegalArgumentException when a push payload lacks what it must carry; the message names the field
   */
  public static HostPush read(GitHostKind host, String event, JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new IllegalArgumentException("the body is not a JSON object");
    }
    String name = event == null ? "" : event.strip();
    if (host == GitHostKind.GITHUB && "ping".equals(name)) {
      return new HostPush(host, Type.PING, "", "", repositoryOf(host, payload), "", "ping");
    }
    if (!isPush(host, name)) {
      return ignored(host, payload, "event " + (name.isEmpty() ? "(none)" : "'" + name + "'")
          + " ignored; only pushes start releases");
    }
    String ref = payload.path("ref").asText("");
    if (ref.startsWith(TAGS)) {
      return ignored(host, payload, "tag " + ref.substring(TAGS.length()) + " ignored; releases start from branch pushes");
    }
    if (!ref.startsWith(BRANCHES)) {
      throw new IllegalArgumentException("ref must be refs/heads/<branch>, was '" + printable(ref) + "'");
    }
    String branch = ref.substring(BRANCHES.length());
    if (!BRANCH.matcher(branch).matches() || branch.contains("..")) {
      throw new IllegalArgumentException("ref does not name a branch");
    }
    String after = payload.path("after").asText("").toLowerCase(Locale.ROOT);
    if (payload.path("deleted").asBoolean(false) || (!after.isEmpty() && after.chars().allMatch(c -> c == '0'))) {
      return ignored(host, payload, "branch " + branch + " was deleted; nothing to release");
    }
    if (!COMMIT.matcher(after).matches()) {
      throw new IllegalArgumentException("after must be the commit SHA the branch was pushed to");
    }
    return new HostPush(host, Type.BRANCH_PUSH, branch, after, repositoryOf(host, payload), projectIdOf(host, payload),
        "");
  }

  public boolean startsRelease() {
    return type == Type.BRANCH_PUSH;
  }

  private static boolean isPush(GitHostKind host, String event) {
    return switch (host) {
      case GITHUB, GITEA -> "push".equals(event);
      // Tag pushes arrive as "Tag Push Hook" with a refs/tags/ ref: read them to say why they are ignored.
      case GITLAB -> "Push Hook".equals(event) || "Tag Push Hook".equals(event);
    };
  }

  private static HostPush ignored(GitHostKind host, JsonNode payload, String reason) {
    return new HostPush(host, Type.IGNORED, "", "", repositoryOf(host, payload), "", reason);
  }

  private static String repositoryOf(GitHostKind host, JsonNode payload) {
    String name = host == GitHostKind.GITLAB
        ? payload.path("project").path("path_with_namespace").asText("")
        : payload.path("repository").path("full_name").asText("");
    if (!name.isEmpty() && (!REPOSITORY.matcher(name).matches() || name.contains(".."))) {
      throw new IllegalArgumentException("the repository's name is not a repository path");
    }
    return name;
  }

  private static String projectIdOf(GitHostKind host, JsonNode payload) {
    if (host != GitHostKind.GITLAB) {
      return "";
    }
    JsonNode id = payload.has("project_id") ? payload.get("project_id") : payload.path("project").path("id");
    String value = id.asText("");
    if (!PROJECT_ID.matcher(value).matches()) {
      throw new IllegalArgumentException("project_id must be GitLab's numeric project id");
    }
    return value;
  }

  private static String printable(String value) {
    String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
