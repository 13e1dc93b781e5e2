package dev.prometheuspipeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.Topics;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a worker-only process says when {@code pipeline.worker.topics} names a topic it cannot work on. */
class WorkerTopicsTest {
  private static final Set<String> WORKER_STAGES = Set.of(Topics.FETCH, Topics.TEST, Topics.SBOM);

  @Test
  void topicsThisProcessSubscribesToAreFine() {
    assertThat(WorkerTopics.problem(Set.of(Topics.TEST, Topics.SBOM), WORKER_STAGES)).isEmpty();
  }

  @Test
  void theNotificationsTopicIsNamedAsOneOnlyApplicationNodesWorkOn() {
    assertThat(WorkerTopics.problem(Set.of(Topics.TEST, Topics.NOTIFY), WORKER_STAGES)).get().asString()
        .contains(Topics.NOTIFY, "only application nodes", "leave it out")
        .doesNotContain("no stage works on");
  }

  @Test
  void aMistypedTopicIsNamedWithTheTopicsThereAre() {
    assertThat(WorkerTopics.problem(Set.of("pipeline.tset"), WORKER_STAGES)).get().asString()
        .contains("no stage works on: [pipeline.tset]", Topics.FETCH, Topics.TEST, Topics.SBOM);
  }
}
