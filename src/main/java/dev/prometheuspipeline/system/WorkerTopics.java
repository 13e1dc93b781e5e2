package dev.prometheuspipeline.system;

import dev.prometheuspipeline.release.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.client.spring.impl.subscription.SpringTopicSubscriptionImpl;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The topics this process works on: {@code pipeline.worker.topics} (for instance
 * {@code pipeline.test,pipeline.sbom}), all of them when empty. The subscriptions of the other topics are
 * never opened, so this process fetches no task of theirs; an application node and a worker-only process
 * can split the stages between them. A topic no stage subscribes to fails the start: a typo would
 * otherwise leave its tasks waiting for nobody.
 */
@Component
class WorkerTopics implements BeanPostProcessor, SmartInitializingSingleton {
  private final Set<String> chosen;
  private final Set<String> subscribed = new HashSet<>();

  WorkerTopics(Environment environment) {
    this.chosen = new TreeSet<>(Binder.get(environment)
        .bind("pipeline.worker.topics", Bindable.listOf(String.class)).orElse(List.of()));
    this.chosen.removeIf(String::isBlank);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    // After afterPropertiesSet, which merges camunda.bpm.client.subscriptions.* into the configuration; the
    // subscription opens later, on ApplicationStartedEvent, only when auto-open is still set.
    if (bean instanceof SpringTopicSubscriptionImpl subscription) {
      String topic = subscription.getTopicName();
      subscribed.add(topic);
      if (!chosen.isEmpty() && !chosen.contains(topic)) {
        subscription.getSubscriptionConfiguration().setAutoOpen(false);
      }
    }
    return bean;
  }

  @Override
  public void afterSingletonsInstantiated() {
    problem(chosen, subscribed).ifPresent(problem -> {
      throw new IllegalStateException(problem);
    });
  }

  /** What is wrong with choosing {@code chosen} in a process whose stages subscribe to {@code subscribed}. */
  static Optional<String> problem(Set<String> chosen, Set<String> subscribed) {
    Set<String> missing = new TreeSet<>(chosen);
    missing.removeAll(subscribed);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    Set<String> nodesOnly = new TreeSet<>(missing);
    nodesOnly.retainAll(Topics.APPLICATION_NODES_ONLY);
    if (!nodesOnly.isEmpty()) {
      return Optional.of("pipeline.worker.topics names " + nodesOnly + ", which only application nodes work on "
          + "(reminders and escalations read the approval task from the engine, and a worker-only process runs "
          + "none); leave it out, and the application nodes take it");
    }
    return Optional.of("pipeline.worker.topics names topics no stage works on: " + missing
        + "; the stages' topics are " + new TreeSet<>(subscribed));
  }
}
