package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A release with worker code: the worker repository is checked out at its sha, linted, its declared topics
 * checked against the models, and its own tests run beside the models' tests.
 */
class WorkerReleaseTest extends PipelineApplicationTest {
  private static final GitFixture workers = GitFixture.create();
  private static final String WORKER_SHA = workers.commit("Ticket classifier", Map.of(
      "classificar/package.json", """
          {"name": "classificar", "version": "1.0.0", "private": true,
           "scripts": {"test": "node --test --test-reporter=junit --test-reporter-destination=junit.xml"},
           "camunda": {"topics": {"classificar-chamado": {"outputs": ["categoria"]}}}}
          """,
      "classificar/package-lock.json", """
          {"name": "classificar", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
           "packages": {"": {"name": "classificar", "version": "1.0.0"}}}
          """,
      "classificar/classify.js", "module.exports = (title) => /impressora/i.test(title) ? 'hardware' : 'geral';\n",
      "classificar/classify.test.js", """
          const test = require('node:test');
          const assert = require('node:assert');
          const classify = require('./classify');
          test('printers are hardware', () => assert.strictEqual(classify('Impressora parada'), 'hardware'));
          test('anything else is general', () => assert.strictEqual(classify('Senha expirada'), 'geral'));
          """));

  static {
    workersRepository = workers.uri();
  }

  @BeforeAll
  static void nodeIsInstalled() {
    Assumptions.assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "npm"))), "npm is not on PATH; worker tests run with it");
  }

  @Test
  void theWorkersOwnTestsRunBesideTheModelTestsAndItsTopicsAreChecked() {
    String ref = uniqueRef("worker");
    String[] artefatos = Stream.concat(Arrays.stream(sampleArtifacts(git.head())),
        Stream.of("worker:classificar@" + WORKER_SHA)).toArray(String[]::new);

    String id = startValidar("alice", ref, artefatos);

    JsonNode validar = awaitState(id, "awaiting_approval").path("validar");
    assertThat(validar.at("/etapas/validate/erros")).isEmpty();
    assertThat(validar.at("/etapas/validate/avisos").findValuesAsText("rule"))
        .doesNotContain("worker-not-linted", "release-topic-declared");
    assertThat(validar.at("/etapas/test/status").asText()).isEqualTo("success");
    assertThat(validar.at("/etapas/test/por_tipo/workers/passou").asInt()).isEqualTo(2);
    assertThat(validar.at("/etapas/test/passou").asInt()).isEqualTo(7);
  }

  @Test
  void aWorkerTopicTheModelsUseButTheWorkerDoesNotDeclareFailsValidation() {
    String sha = workers.commit("Topic renamed", Map.of("classificar/package.json", """
        {"name": "classificar", "version": "1.0.0", "private": true,
         "scripts": {"test": "node --test --test-reporter=junit --test-reporter-destination=junit.xml"},
         "camunda": {"topics": {"classificar-ticket": {"outputs": ["categoria"]}}}}
        """));
    String ref = uniqueRef("topic");
    String[] artefatos = Stream.concat(Arrays.stream(sampleArtifacts(git.head())),
        Stream.of("worker:classificar@" + sha)).toArray(String[]::new);

    String id = startValidar("alice", ref, artefatos);

    JsonNode validar = awaitState(id, "failed").path("validar");
    assertThat(validar.at("/etapas/validate/erros").findValuesAsText("rule")).contains("release-topic-declared");
    assertThat(validar.at("/etapas/validate/erros").findValuesAsText("elementId")).contains("Task_Classificar");
  }
}
