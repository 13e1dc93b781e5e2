package dev.prometheuspipeline.notify;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Something people must hear about a release.
 *
 * @param groups the approvers' groups the notification is for (approvals only; their members get the mail)
 * @param ambientes the environments it concerns, whose own channels hear it too
 * @param detail the reason of a failure, the environments deployed …; may be empty
 */
public record Notification(Kind kind, String runId, String releaseRef, List<String> groups, List<String> ambientes,
    String detail) {

  public Notification {
    requireNonNull(kind, "kind");
    requireNonNull(runId, "runId");
    requireNonNull(releaseRef, "releaseRef");
    groups = List.copyOf(groups);
    ambientes = List.copyOf(ambientes);
    detail = detail == null ? "" : detail;
  }

  /** An approval waits for {@code groups}. */
  public static Notification approval(Kind kind, String runId, String releaseRef, List<String> groups) {
    return new Notification(kind, runId, releaseRef, groups, List.of(), "");
  }

  /** The notification's one sentence, the chat message and the mail's first line. */
  public String message() {
    String waiting = "release " + releaseRef + " is waiting for approval by " + String.join(", ", groups);
    return switch (kind) {
      case APPROVAL_REQUESTED -> "Approval requested: " + waiting;
      case REMINDER -> "Reminder: " + waiting;
      case ESCALATION -> "Escalated: " + waiting;
      case ROLLBACK_REMINDER -> "Reminder: the rollback of " + waiting;
      case ROLLBACK_ESCALATION -> "Escalated: the rollback of " + waiting;
      case APPROVAL_EXPIRED -> "Approval expired: release " + releaseRef + " was not decided in time and ended";
      case RELEASE_FAILED -> "Release " + releaseRef + " failed" + (detail.isBlank() ? "" : ": " + detail);
      case RELEASE_DEPLOYED -> "Release " + releaseRef + " deployed and verified"
          + (ambientes.isEmpty() ? "" : " on " + String.join(", ", ambientes));
    };
  }

  /** What happened; the wire name is the {@code tipo} of the pipeline's JSON. */
  public enum Kind {
    APPROVAL_REQUESTED("approval-requested", "Approval requested"),
    REMINDER("reminder", "Approval reminder"),
    ESCALATION("escalation", "Approval escalated"),
    ROLLBACK_REMINDER("rollback-reminder", "Rollback approval reminder"),
    ROLLBACK_ESCALATION("rollback-escalation", "Rollback approval escalated"),
    APPROVAL_EXPIRED("approval-expired", "Approval expired"),
    RELEASE_FAILED("release-failed", "Release failed"),
    RELEASE_DEPLOYED("release-deployed", "Release deployed");

    private final String wireName;
    private final String title;

    Kind(String wireName, String title) {
      this.wireName = wireName;
      this.title = title;
    }

    public String wireName() {
      return wireName;
    }

    public String title() {
      return title;
    }

    /** An approval still open: the notification links to its task in Tasklist. */
    public boolean waitsForApproval() {
      return this == APPROVAL_REQUESTED || this == REMINDER || this == ESCALATION || concernsRollback();
    }

    /** The approval waiting is a manual rollback's ({@code processes/rollback.bpmn}), not the release's own. */
    public boolean concernsRollback() {
      return this == ROLLBACK_REMINDER || this == ROLLBACK_ESCALATION;
    }
  }
}
