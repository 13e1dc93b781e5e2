package dev.prometheuspipeline.approval;

import dev.prometheuspipeline.release.ApprovalPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who approves releases and how long they have. The durations are ISO-8601 (as the engine's timers
 * take them): reminder and escalation leave the task open, expiry ends the release as {@code falha}.
 */
@ConfigurationProperties("pipeline.approval")
public record ApprovalProperties(
    String group, String escalationGroup, String reminder, String escalation, String expiry)
    implements ApprovalPolicy {

  public ApprovalProperties {
    group = orDefault(group, "ms-produto");
    escalationGroup = orDefault(escalationGroup, "ms-produto-gestores");
    reminder = checkedDuration("pipeline.approval.reminder", orDefault(reminder, "P1D"));
    escalation = checkedDuration("pipeline.approval.escalation", orDefault(escalation, "P2D"));
    expiry = checkedDuration("pipeline.approval.expiry", orDefault(expiry, "P7D"));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  // Fail at start, not at the first approval: a bad duration would otherwise become an incident days later.
  private static String checkedDuration(String property, String value) {
    try {
      Duration.parse(value);
      return value;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          property + "=" + value + " is not an ISO-8601 duration such as P1D or PT4H", e);
    }
  }
}
