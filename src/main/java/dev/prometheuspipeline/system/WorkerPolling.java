package dev.prometheuspipeline.system;

import java.util.List;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.spring.SpringTopicSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the in-app workers' polling once the application is ready, and stops it first when the application
 * shuts down.
 *
 * <p>The client is built with auto-fetching off ({@code camunda.bpm.client.disable-auto-fetching}): its polling
 * thread loops without pause while no subscription is open, and the subscriptions open only when the context is
 * refreshed, so started with the client it spun a whole core through the rest of the start-up. At shutdown the
 * web server stops before the client's own bean is destroyed, and meanwhile the workers would keep polling a
 * closed port.
 */
@Component
class WorkerPolling {
  private static final Logger log = LoggerFactory.getLogger(WorkerPolling.class);

  private final ExternalTaskClient client;
  private final List<SpringTopicSubscription> subscriptions;

  WorkerPolling(ExternalTaskClient client, List<SpringTopicSubscription> subscriptions) {
    this.client = client;
    this.subscriptions = List.copyOf(subscriptions);
  }

  @EventListener(ApplicationReadyEvent.class)
  void startWorkers() {
    List<String> open = subscriptions.stream().filter(SpringTopicSubscription::isOpen)
        .map(SpringTopicSubscription::getTopicName).sorted().toList();
    // Without an open subscription the polling thread would only spin.
    if (open.isEmpty()) {
      log.info("workers action=start outcome=skipped reason=no-open-subscription");
      return;
    }
    client.start();
    log.info("workers action=start topics={}", open);
  }

  @EventListener(ContextClosedEvent.class)
  void stopWorkers() {
    client.stop();
  }
}
