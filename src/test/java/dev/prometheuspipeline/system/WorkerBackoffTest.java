package dev.prometheuspipeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.backoff.ErrorAwareBackoffStrategy;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.junit.jupiter.api.Test;

/** The workers' pause between polls, as the external-task client asks it after each poll. */
class WorkerBackoffTest {
  private static final ExternalTaskClientException REFUSED = new ExternalTaskClientException("503 from the engine");

  @Test
  void anAnswerWithoutTasksIsPolledAgainAtOnceSinceItWasALongPoll() {
    ErrorAwareBackoffStrategy backoff = strategy();

    backoff.reconfigure(List.of(), null);

    assertThat(backoff.calculateBackoffTime()).isZero();
  }

  @Test
  void failedPollsWaitLongerEachTimeUpToTenSeconds() {
    ErrorAwareBackoffStrategy backoff = strategy();
    List<Long> pauses = new ArrayList<>();

    for (int i = 0; i < 7; i++) {
      backoff.reconfigure(List.of(), REFUSED);
      pauses.add(backoff.calculateBackoffTime());
    }

    assertThat(pauses).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 10_000L, 10_000L);
  }

  @Test
  void theFirstAnswerAfterFailuresEndsThePause() {
    ErrorAwareBackoffStrategy backoff = strategy();
    backoff.reconfigure(List.of(), REFUSED);
    backoff.reconfigure(List.of(), REFUSED);

    backoff.reconfigure(List.of(), null);

    assertThat(backoff.calculateBackoffTime()).isZero();
  }

  private static ErrorAwareBackoffStrategy strategy() {
    BackoffStrategy bean = new WorkerBackoff().pollBackoff();
    assertThat(bean).as("the client tells an error-aware strategy about failed polls").isInstanceOf(
        ErrorAwareBackoffStrategy.class);
    return (ErrorAwareBackoffStrategy) bean;
  }
}
