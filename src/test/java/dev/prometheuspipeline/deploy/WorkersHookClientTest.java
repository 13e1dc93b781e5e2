package dev.prometheuspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prometheuspipeline.agent.WorkerHost;
import dev.prometheuspipeline.agent.WorkerStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client the deploy stage calls, against a real {@code WorkerAgent} on loopback: a real workers repository,
 * real {@code npm ci}, a real restart program.
 */
class WorkersHookClientTest {
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
  void deploysTheCommitAndReturnsOnceTheAgentReportsItDeployed() throws Exception {
    String commit = host.commitWorkers("1.0.0");
    host.start(host.settings(host.restart()));

    WorkerRollout rollout = client(WorkerHost.SECRET, DEPLOY).deploy(commit, "main@" + commit.substring(0, 12));

    assertThat(rollout.commit()).isEqualTo(commit);
    assertThat(rollout.state()).isEqualTo("deployed");
    assertThat(rollout.detail()).startsWith("deployed by " + host.url() + " at ");
    assertThat(rollout.duration()).isPositive();
    assertThat(host.restarts()).containsExactly("restarted");
    WorkerStatus status = client(WorkerHost.SECRET, DEPLOY).status();
    assertThat(status.state()).isEqualTo(WorkerStatus.State.DEPLOYED);
    assertThat(status.commit()).isEqualTo(commit);
    assertThat(status.releaseRef()).isEqualTo("main@" + commit.substring(0, 12));
  }

  @Test
  void waitsForADeployAlreadyRunningThereThenDeploysItsOwn() throws Exception {
    String running = host.commitWorkers("1.0.0");
    String ours = host.commitWorkers("2.0.0");
    Path gate = dir.resolve("let-the-restart-finish");
    host.start(host.settings(host.restartAfter(gate)));
    assertThat(host.deploy(running).status()).isEqualTo(202);

    CompletableFuture<WorkerRollout> rollout = CompletableFuture.supplyAsync(
        () -> client(WorkerHost.SECRET, DEPLOY).deploy(ours, "main@" + ours.substring(0, 12)));
    Thread.sleep(500);
    assertThat(rollout).as("waits while the other deploy runs").isNotDone();
    Files.writeString(gate, "go");

    assertThat(rollout.get(DEPLOY.toSeconds(), TimeUnit.SECONDS).commit()).isEqualTo(ours);
    assertThat(host.restarts()).containsExactly("restarted", "restarted");
  }

  @Test
  void givesUpAfterItsTimeoutNamingTheLastStateAndMayBeRetried() throws Exception {
    String commit = host.commitWorkers("1.0.0");
    Path gate = dir.resolve("never-before-the-timeout");
    host.start(host.settings(host.restartAfter(gate)));
    try {
      TargetException timedOut = catchThrowableOfType(TargetException.class,
          () -> client(WorkerHost.SECRET, Duration.ofSeconds(2)).deploy(commit, "main@" + commit.substring(0, 12)));

      assertThat(timedOut).hasMessageStartingWith("the workers hook at " + host.url() + " did not report " + commit
          + " deployed within PT2S; last state: deploying (requested " + commit + ", deployed null)");
      assertThat(timedOut.isRetryable()).isTrue();
      assertThat(host.restarts()).isEmpty();
    } finally {
      Files.writeString(gate, "go");
    }
  }

  @Test
  void aWrongSecretIsRefusedByTheAgentNeverRetriedAndNeverShown() throws Exception {
    String commit = host.commitWorkers("1.0.0");
    host.start(host.settings(host.restart()));

    TargetException refused = catchThrowableOfType(TargetException.class,
        () -> client("not-the-agents-secret", DEPLOY).deploy(commit, "main@" + commit.substring(0, 12)));

    assertThat(refused).hasMessageContaining("answered POST /deploy with 401: X-Signature does not match")
        .hasMessageNotContaining("not-the-agents-secret");
    assertThat(refused.status()).hasValue(401);
    assertThat(refused.isRetryable()).isFalse();
    assertThat(host.current().state()).isEqualTo(WorkerStatus.State.IDLE);
    assertThat(host.restarts()).isEmpty();
  }

  @Test
  void aDeployTheAgentReportsFailedIsNotRetried() throws Exception {
    host.commitWorkers("1.0.0");
    host.start(host.settings(host.restart()));
    String unknown = "0123456789abcdef0123456789abcdef01234567";

    TargetException failed = catchThrowableOfType(TargetException.class,
        () -> client(WorkerHost.SECRET, DEPLOY).deploy(unknown, "main@" + unknown.substring(0, 12)));

    assertThat(failed).hasMessageStartingWith("the workers hook at " + host.url() + " failed to deploy " + unknown
        + ": commit " + unknown + " not found in file:");
    assertThat(failed.isRetryable()).isFalse();
  }

  @Test
  void anAgentThatIsNotListeningIsARetryableFailure() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    WorkersHookClient client = new WorkersHookClient(URI.create("http://127.0.0.1:" + closed), "secret", DEPLOY);

    TargetException unreachable = catchThrowableOfType(TargetException.class,
        () -> client.deploy("0123456789abcdef0123456789abcdef01234567", "main@0123456789ab"));

    assertThat(unreachable).hasMessageStartingWith("the workers hook at http://127.0.0.1:" + closed
        + "/ cannot be reached (POST /deploy)");
    assertThat(unreachable.isRetryable()).isTrue();
  }

  @Test
  void aUrlWithCredentialsIsRefused() {
    assertThatThrownBy(() -> new WorkersHookClient(URI.create("http://ops:pw@worker-1:8090/"), "secret", DEPLOY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the workers hook URL must not carry credentials; the secret signs");
  }

  private WorkersHookClient client(String secret, Duration timeout) {
    return new WorkersHookClient(host.url(), secret, timeout);
  }
}
