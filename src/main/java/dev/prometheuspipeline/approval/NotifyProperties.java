package dev.prometheuspipeline.approval;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where approval reminders and escalations are POSTed as JSON, besides the log and the release history. */
@ConfigurationProperties("pipeline.notify")
public record NotifyProperties(String url) {
  public NotifyProperties {
    url = url == null ? "" : url.trim();
  }
}
