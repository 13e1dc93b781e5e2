package dev.prometheuspipeline.notify;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the pipeline tells people about releases. Each channel is off while empty. The webhook URLs carry
 * their tokens (Slack's does), so they come from the environment and are never logged; SMTP is Spring's
 * {@code spring.mail.*}.
 *
 * @param url the pipeline's own JSON ({@code tipo}, {@code release_ref}, {@code mensagem}, links)
 * @param slackUrl a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): {@code text} and blocks
 * @param mailTo who always receives the mail, besides the approvers (approvals) or the requester (outcomes)
 * @param mailFrom the mail's sender
 * @param environments extra channels per environment ({@code producao}), for what happened there
 */
@ConfigurationProperties("pipeline.notify")
public record NotifyProperties(String url, String slackUrl, List<String> mailTo, String mailFrom,
    Map<String, Channels> environments) {
  public NotifyProperties {
    url = url == null ? "" : url.trim();
    slackUrl = slackUrl == null ? "" : slackUrl.trim();
    mailTo = mailTo == null ? List.of() : mailTo.stream().map(String::trim).filter(m -> !m.isEmpty()).toList();
    mailFrom = mailFrom == null || mailFrom.isBlank() ? "prometheus-pipeline@localhost" : mailFrom.trim();
    environments = environments == null ? Map.of() : Map.copyOf(environments);
  }

  /** An environment's own chat channel and mail recipients. */
  public record Channels(String slackUrl, List<String> mailTo) {
    public Channels {
      slackUrl = slackUrl == null ? "" : slackUrl.trim();
      mailTo = mailTo == null ? List.of() : List.copyOf(mailTo);
    }
  }

  @Override
  public String toString() {
    return "NotifyProperties[url=" + (url.isEmpty() ? "" : "****") + ", slackUrl=" + (slackUrl.isEmpty() ? "" : "****")
        + ", mailTo=" + mailTo + ", mailFrom=" + mailFrom + ", environments=" + environments.keySet() + "]";
  }
}
