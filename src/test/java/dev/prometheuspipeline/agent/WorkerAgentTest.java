package dev.prometheuspipeline.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prometheuspipeline.agent.WorkerHost.Response;
import dev.prometheuspipeline.agent.WorkerStatus.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker agent as a worker host runs it: a real repository, real {@code npm ci}, a real restart program. */
class WorkerAgentTest {
  private static final Duration DEPLOY = Duration.ofMinutes(2);

  @TempDir Path dir;
  private WorkerHost host;

  @BeforeEach
  void setUp() {
    WorkerHost.requireNpm();
    host = new WorkerHost(dir);
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void deploysExactlyTheCommitAskedForThenTheNextOne() throws Exception {
    String first = host.commitWorkers("1.0.0");
    String second = host.commitWorkers("2.0.0");
    host.start(host.settings(host.restart()));

    Response accepted = host.deploy(first);
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.body()).contains("\"state\":\"deploying\"", first);
    WorkerStatus deployed = awaitFinished(first);
    assertThat(deployed.state()).as(deployed.error()).isEqualTo(State.DEPLOYED);
    assertThat(deployed.commit()).isEqualTo(first);
    assertThat(deployed.releaseRef()).isEqualTo("main@" + first.substring(0, 12));
    assertThat(deployed.finishedAt()).isNotNull();
    assertThat(deployed.steps()).extracting(WorkerStatus.Step::command).containsExactly("npm ci",
        String.join(" ", host.restart()));
    assertThat(host.restarts()).containsExactly("restarted");
    assertThat(headOf(host.workDir())).isEqualTo(first);
    assertThat(Files.readString(host.workDir().resolve("package.json"))).contains("1.0.0");

    assertThat(host.deploy(second).status()).isEqualTo(202);
    assertThat(awaitFinished(second).commit()).isEqualTo(second);
    assertThat(host.restarts()).containsExactly("restarted", "restarted");
    assertThat(headOf(host.workDir())).isEqualTo(second);
    assertThat(Files.readString(host.workDir().resolve("package.json"))).contains("2.0.0");
  }

  @Test
  void theDeployedCommitSurvivesARestartOfTheAgent() throws Exception {
    String commit = host.commitWorkers("1.0.0");
    host.start(host.settings(host.restart()));
    host.deploy(commit);
    awaitFinished(commit);

    host.start(host.settings(host.restart()));

    WorkerStatus status = host.current();
    assertThat(status.state()).isEqualTo(State.DEPLOYED);
    assertThat(status.commit()).isEqualTo(commit);
  }

  @Test
  void anUnknownCommitFailsNamingTheRepositoryAndKeepsTheDeployedOne() throws Exception {
    String deployed = host.commitWorkers("1.0.0");
    host.start(host.settings(host.restart()));
    host.deploy(deployed);
    awaitFinished(deployed);
    String unknown = "0123456789abcdef0123456789abcdef01234567";

    assertThat(host.deploy(unknown).status()).isEqualTo(202);
    WorkerStatus failed = awaitFinished(unknown);

    assertThat(failed.state()).isEqualTo(State.FAILED);
    assertThat(failed.error()).startsWith("commit " + unknown + " not found in file:");
    assertThat(failed.commit()).isEqualTo(deployed);
    assertThat(host.restarts()).containsExactly("restarted");
  }

  @Test
  void aFailingInstallFailsTheDeployWithTheCommandAndDoesNotRestart() throws Exception {
    String commit = host.commitWorkers("1.0.0");
    host.start(host.settings(host.restart()).withInstall(java.util.List.of("sh", "-c", "echo broken lock; exit 3")));

    host.deploy(commit);
    WorkerStatus failed = awaitFinished(commit);

    assertThat(failed.state()).isEqualTo(State.FAILED);
    assertThat(failed.error()).isEqualTo("install command 'sh -c echo broken lock; exit 3' exited with 3: broken lock");
    assertThat(failed.commit()).isNull();
    assertThat(failed.steps()).singleElement().satisfies(step -> assertThat(step.exitCode()).isEqualTo(3));
    assertThat(host.restarts()).isEmpty();
  }

  @Test
  void aSecondDeployWhileOneRunsIsRefusedNamingTheRunningCommit() throws Exception {
    String first = host.commitWorkers("1.0.0");
    String second = host.commitWorkers("2.0.0");
    Path gate = dir.resolve("let-the-restart-finish");
    host.start(host.settings(host.restartAfter(gate)));
    assertThat(host.deploy(first).status()).isEqualTo(202);

    Response refused = host.deploy(second);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("a deploy of " + first + " is running");
    assertThat(host.current().state()).isEqualTo(State.DEPLOYING);
    assertThat(host.current().requested()).isEqualTo(first);
    Files.writeString(gate, "go");
    assertThat(awaitFinished(first).state()).isEqualTo(State.DEPLOYED);
    assertThat(host.deploy(second).status()).isEqualTo(202);
  }

  @Test
  void aForgedSignatureIsRefused() throws Exception {
    String commit = host.commitWorkers("1.0.0");
    host.start(host.settings(host.restart()));
    String body = WorkerHost.body(commit);
    Map<String, String> headers = Map.of("X-Timestamp", Long.toString(System.currentTimeMillis()),
        "X-Signature", "sha256=" + "ab".repeat(32));

    Response refused = host.send("POST", "deploy", body, headers);

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body()).contains("X-Signature does not match");
    assertThat(host.current().state()).isEqualTo(State.IDLE);
  }

  @Test
  void aReplayedRequestIsRefused() throws Exception {
    String commit = host.commitWorkers("1.0.0");
    host.start(host.settings(host.restart()));
    String body = WorkerHost.body(commit);
    Map<String, String> headers = host.headers(body, System.currentTimeMillis());
    assertThat(host.send("POST", "deploy", body, headers).status()).isEqualTo(202);
    awaitFinished(commit);

    Response replayed = host.send("POST", "deploy", body, headers);

    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.body()).contains("already received; sign each request anew");
  }

  @Test
  void aStaleTimestampIsRefusedAndOneInSecondsIsNamedSo() throws Exception {
    String commit = host.commitWorkers("1.0.0");
    host.start(host.settings(host.restart()));
    String body = WorkerHost.body(commit);

    Response stale = host.post("deploy", body, System.currentTimeMillis() - Duration.ofMinutes(6).toMillis());
    Response seconds = host.post("deploy", body, System.currentTimeMillis() / 1000);

    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.body()).contains("X-Timestamp is 36").contains("the limit is 300 s");
    assertThat(seconds.status()).isEqualTo(401);
    assertThat(seconds.body()).contains("looks like seconds since the epoch; send milliseconds");
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeItsSignatureIsChecked() throws Exception {
    host.start(host.settings(host.restart()));
    String huge = "{\"commit\":\"" + "a".repeat(70 * 1024) + "\"}";

    Response refused = host.send("POST", "deploy", huge, Map.of());

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.body()).contains("body over 65536 bytes");
  }

  @Test
  void aBodyThatIsNoDeployRequestIsNamedAndRevealsNoPath() throws Exception {
    host.start(host.settings(host.restart()));

    Response notJson = host.post("deploy", "commit=abc", System.currentTimeMillis());
    Response shortSha = host.post("deploy", "{\"commit\":\"abc123\"}", System.currentTimeMillis());

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body()).contains("body must be JSON {\\\"commit\\\"").contains("not valid JSON")
        .doesNotContain(dir.toString());
    assertThat(shortSha.status()).isEqualTo(400);
  }

  @Test
  void theStatusNeedsASignatureAndTheHealthDoesNot() throws Exception {
    host.start(host.settings(host.restart()));

    Response unsigned = host.send("GET", "status", "", Map.of());
    Response health = host.send("GET", "health", "", Map.of());

    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.body()).contains("missing X-Timestamp");
    assertThat(host.status().status()).isEqualTo(200);
    assertThat(host.status().body()).contains("\"state\":\"idle\"", "\"commit\":null");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  private WorkerStatus awaitFinished(String commit) {
    return await().atMost(DEPLOY).pollInterval(Duration.ofMillis(100)).until(host::current,
        status -> commit.equals(status.requested()) && status.state() != State.DEPLOYING);
  }

  private static String headOf(Path workDir) throws Exception {
    try (Git git = Git.open(workDir.toFile())) {
      return git.getRepository().resolve("HEAD").getName();
    }
  }
}
