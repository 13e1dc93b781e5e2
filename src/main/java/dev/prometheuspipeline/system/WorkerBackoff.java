package dev.prometheuspipeline.system;

import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long the workers wait before they poll again. Not at all after an answer, with tasks or without: the engine
 * holds each poll up to {@code camunda.bpm.client.async-response-timeout} (long polling), so an empty answer has
 * already waited. After a failed poll (the engine unreachable, or answering 503 while the database is down)
 * 0.5 s, doubling up to 10 s, and back to none at the first answer: without a pause the client's thread polls
 * again at once, as fast as the engine can refuse it, and a failing engine gets a flood instead of time.
 */
@Configuration(proxyBeanMethods = false)
class WorkerBackoff {
  static final long FIRST_PAUSE_MILLIS = 500;
  static final long LONGEST_PAUSE_MILLIS = 10_000;

  /** Picked up by the external-task client's factory, which takes any {@link BackoffStrategy} bean. */
  @Bean
  BackoffStrategy pollBackoff() {
    return new ExponentialErrorBackoffStrategy(FIRST_PAUSE_MILLIS, 2f, LONGEST_PAUSE_MILLIS);
  }
}
