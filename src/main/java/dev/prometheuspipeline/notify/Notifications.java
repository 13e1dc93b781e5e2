package dev.prometheuspipeline.notify;

import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.ReleaseService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Sends a {@link Notification} on every configured channel: the pipeline's JSON, a Slack-compatible chat
 * webhook and mail, each with the links people act on (the approval's task in Tasklist, the release's
 * report). Who is mailed: for an open approval, the members of its groups; for an outcome, whoever
 * requested the release; and {@code pipeline.notify.mail-to} always. Delivery runs on a thread of its own,
 * so a slow mail server never holds an engine transaction or a stage; a channel that fails is logged and
 * the others still send.
 */
@Profile("!worker")
@Component
public class Notifications implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);
  /** The approval task of {@code processes/rollback.bpmn}. */
  private static final String ROLLBACK_APPROVAL = "Task_ApproveRollback";

  private final NotifyProperties properties;
  private final WebhookNotifier webhooks;
  private final MailNotifier mail;
  private final ReleaseRuns runs;
  private final TaskService tasks;
  private final IdentityService identity;
  private final String publicUrl;
  private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "notifications");
    thread.setDaemon(true);
    return thread;
  });

  Notifications(NotifyProperties properties, WebhookNotifier webhooks, MailNotifier mail, ReleaseRuns runs,
      TaskService tasks, IdentityService identity, @Value("${pipeline.public-url:}") String publicUrl,
      @Value("${server.port:8080}") int port) {
    this.properties = properties;
    this.webhooks = webhooks;
    this.mail = mail;
    this.runs = runs;
    this.tasks = tasks;
    this.identity = identity;
    String base = publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port : publicUrl.strip();
    this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Resolves links and recipients now (the engine's state is current), then delivers in the background. */
  public void send(Notification notification) {
    Optional<ReleaseRun> run = runs.find(notification.runId());
    Links links = ReleaseService.asPipeline(identity, () -> links(notification, run));
    List<String> recipients = ReleaseService.asPipeline(identity, () -> recipients(notification, run));
    List<String> slackUrls = new ArrayList<>(List.of(properties.slackUrl()));
    notification.ambientes().stream().map(properties.environments()::get).filter(Objects::nonNull)
        .forEach(channels -> slackUrls.add(channels.slackUrl()));
    delivery.execute(() -> {
      deliver("json", () -> webhooks.pipeline(properties.url(), notification, links), !properties.url().isEmpty());
      slackUrls.stream().filter(url -> !url.isEmpty()).distinct()
          .forEach(url -> deliver("slack", () -> webhooks.slack(url, notification, links), true));
      deliver("mail", () -> mail.send(properties.mailFrom(), recipients, notification, links),
          !recipients.isEmpty() && mail.configured());
    });
  }

  private void deliver(String channel, Runnable send, boolean configured) {
    if (!configured) {
      return;
    }
    try {
      send.run();
      log.info("stage=notify outcome=sent channel={}", channel);
    } catch (RuntimeException e) {
      // Not the exception's message: an HTTP client's names the webhook URL, whose path is its token.
      log.warn("stage=notify outcome=not-sent channel={} reason={}", channel, WebhookNotifier.describe(e));
    }
  }

  private Links links(Notification notification, Optional<ReleaseRun> run) {
    List<String> taskLinks = openApprovals(notification, run).stream()
        .map(Task::getId).map(id -> publicUrl + "/camunda/app/tasklist/default/#/?task=" + id).toList();
    return new Links(publicUrl + "/api/releases/" + notification.runId(), taskLinks);
  }

  /** The open tasks the notification asks people to decide: the release's, or its rollback's. */
  private List<Task> openApprovals(Notification notification, Optional<ReleaseRun> run) {
    if (notification.kind().concernsRollback()) {
      // A rollback runs in a process of its own; like the release's process, its business key is the release_ref.
      return tasks.createTaskQuery().processInstanceBusinessKey(notification.releaseRef())
          .taskDefinitionKey(ROLLBACK_APPROVAL).active().list();
    }
    if (notification.kind().waitsForApproval() && run.isPresent() && !run.get().processInstanceId().isEmpty()) {
      return tasks.createTaskQuery().processInstanceId(run.get().processInstanceId()).active().list();
    }
    return List.of();
  }

  private List<String> recipients(Notification notification, Optional<ReleaseRun> run) {
    Set<String> to = new LinkedHashSet<>(properties.mailTo());
    notification.ambientes().stream().map(properties.environments()::get).filter(Objects::nonNull)
        .forEach(channels -> to.addAll(channels.mailTo()));
    if (notification.kind().waitsForApproval()) {
      // Not who may not decide (four-eyes): the release's author, and for a rollback also who asked for it.
      Set<String> excluded = new HashSet<>();
      run.map(ReleaseRun::requestedBy).ifPresent(excluded::add);
      if (notification.kind().concernsRollback()) {
        openApprovals(notification, run).forEach(task -> {
          if (tasks.getVariable(task.getId(), "requestedBy") instanceof String asked) {
            excluded.add(asked);
          }
        });
      }
      for (String group : notification.groups()) {
        identity.createUserQuery().memberOfGroup(group).list().stream().filter(u -> !excluded.contains(u.getId()))
            .map(User::getEmail).filter(Objects::nonNull).filter(m -> !m.isBlank()).forEach(to::add);
      }
    } else {
      run.map(r -> identity.createUserQuery().userId(r.requestedBy()).singleResult())
          .map(User::getEmail).filter(m -> !m.isBlank()).ifPresent(to::add);
    }
    return List.copyOf(to);
  }

  @Override
  public void destroy() {
    delivery.shutdown();
  }

  /** Where people act: the release's report, and the open approval tasks in Tasklist. */
  record Links(String report, List<String> tasks) {
    Links {
      tasks = List.copyOf(tasks);
    }
  }
}
