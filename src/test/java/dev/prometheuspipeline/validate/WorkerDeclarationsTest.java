package dev.prometheuspipeline.validate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerDeclarationsTest {
  @Test
  void readsEachTopicWithItsOutputs() {
    WorkerDeclarations workers = parse("""
        {"name": "workers", "camunda": {"topics": {"risk.score": {"outputs": ["score", "approved"]}}}}
        """);

    assertThat(workers.declared()).isTrue();
    assertThat(workers.topic("risk.score")).hasValueSatisfying(topic -> {
      assertThat(topic.outputs()).containsExactly("score", "approved");
      assertThat(topic.outputsKnown()).isTrue();
    });
    assertThat(workers.findings()).isEmpty();
  }

  @Test
  void aTopicWithoutOutputsIsServedButMayWriteAnything() {
    WorkerDeclarations workers = parse("{\"camunda\": {\"topics\": {\"mail.send\": {}}}}");

    assertThat(workers.topic("mail.send")).hasValueSatisfying(topic -> assertThat(topic.outputsKnown()).isFalse());
  }

  @Test
  void aPackageJsonWithoutTheCamundaKeyDeclaresNothing() {
    WorkerDeclarations workers = parse("{\"name\": \"workers\", \"version\": \"1.0.0\"}");

    assertThat(workers.declared()).isFalse();
    assertThat(workers.findings()).isEmpty();
  }

  @Test
  void outputsThatAreNotNamesAreAFindingAndLeaveTheTopicsOutputsUnknown() {
    WorkerDeclarations workers = parse("{\"camunda\": {\"topics\": {\"risk.score\": {\"outputs\": [\"score\", 7]}}}}");

    assertThat(workers.topic("risk.score")).hasValueSatisfying(topic -> assertThat(topic.outputsKnown()).isFalse());
    assertThat(workers.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.file()).isEqualTo("workers/package.json");
      assertThat(finding.rule()).isEqualTo("release-worker-declaration");
      assertThat(finding.message()).contains("'risk.score'");
    });
  }

  @Test
  void topicsThatAreNotAnObjectAreAFindingAndNothingIsDeclared() {
    WorkerDeclarations workers = parse("{\"camunda\": {\"topics\": [\"risk.score\"]}}");

    assertThat(workers.declared()).isFalse();
    assertThat(workers.findings()).extracting(Finding::rule).containsExactly("release-worker-declaration");
  }

  private static WorkerDeclarations parse(String json) {
    return WorkerDeclarations.fromPackageJson("workers/package.json", json.getBytes(UTF_8));
  }
}
