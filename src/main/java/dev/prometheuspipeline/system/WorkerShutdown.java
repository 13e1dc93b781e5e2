package dev.prometheuspipeline.system;

import org.camunda.bpm.client.ExternalTaskClient;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stops the in-app workers first when the application shuts down. The web server stops before the
 * client's own bean is destroyed, and meanwhile the workers would keep polling a closed port.
 */
@Component
class WorkerShutdown {
  private final ExternalTaskClient client;

  WorkerShutdown(ExternalTaskClient client) {
    this.client = client;
  }

  @EventListener(ContextClosedEvent.class)
  void stopWorkers() {
    client.stop();
  }
}
