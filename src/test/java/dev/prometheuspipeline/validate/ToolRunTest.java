package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRunTest {
  @TempDir Path dir;

  @BeforeAll
  static void nodeIsInstalled() {
    boolean node;
    try {
      node = ToolRun.run(List.of("node", "--version"), Path.of("."), Duration.ofMinutes(1), 1_000).exitCode() == 0;
    } catch (IOException e) {
      node = false;
    }
    assumeTrue(node, "node is not on the PATH; these tests run it as the tool");
  }

  @Test
  void aToolPastItsTimeLimitIsKilledWithTheProcessesItStarted() throws Exception {
    String script = "const c = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'],"
        + " {stdio: 'ignore'}); console.log(c.pid); setTimeout(() => {}, 600000);";

    ToolRun run = ToolRun.run(List.of("node", "-e", script), dir, Duration.ofSeconds(3), 10_000);

    assertThat(run.timedOut()).isTrue();
    assertThat(run.exitCode()).isEqualTo(-1);
    long child = Long.parseLong(run.stdout().strip());
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void outputBeyondTheCapIsDroppedAndSaidToBe() throws Exception {
    ToolRun run = ToolRun.run(List.of("node", "-e", "process.stdout.write('x'.repeat(1000000))"), dir,
        Duration.ofMinutes(1), 1_000);

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).hasSize(1_000);
    assertThat(run.truncated()).isTrue();
  }

  @Test
  void argumentsReachTheProgramAsGivenWithoutAShell() throws Exception {
    ToolRun run = ToolRun.run(List.of("node", "-e", "console.log(process.argv[1])", "$(echo hi); `x` *"), dir,
        Duration.ofMinutes(1), 1_000);

    assertThat(run.stdout().strip()).isEqualTo("$(echo hi); `x` *");
  }

  @Test
  void aProgramThatIsNotInstalledCannotBeStarted() {
    assertThatThrownBy(() -> ToolRun.run(List.of("prometheus-no-such-tool"), dir, Duration.ofMinutes(1), 1_000))
        .isInstanceOf(IOException.class);
  }
}
