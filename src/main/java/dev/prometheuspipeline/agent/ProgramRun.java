package dev.prometheuspipeline.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One program the deploy runs in the checkout ({@code npm ci}, {@code pm2 restart 0}): its arguments as given,
 * no shell in between, a timeout, and the tail of what it wrote kept for the status.
 */
final class ProgramRun {
  /** Enough to show npm's error summary, bounded so a chatty install cannot fill the agent's memory. */
  static final int TAIL_BYTES = 4 * 1024;

  private ProgramRun() {}

  /**
   * Runs {@code command} in {@code directory} with the agent's environment minus {@code hiddenVariables}.
   *
   * @return the step, its exit code null when the program did not finish
   * @throws Failed when it cannot start, runs past {@code timeout} or exits non-zero; the step is attached
   */
  static WorkerStatus.Step run(String name, List<String> command, Path directory, Duration timeout,
      Set<String> hiddenVariables) {
    String shown = String.join(" ", command);
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    // The programs need no secret of the agent's: npm install scripts run third-party code.
    Map<String, String> environment = builder.environment();
    hiddenVariables.forEach(environment::remove);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      WorkerStatus.Step step = new WorkerStatus.Step(name, shown, null, "");
      throw new Failed(name + " command '" + shown + "' could not start: is " + command.get(0)
          + " installed and on the agent's PATH?", step);
    }
    Tail tail = new Tail(process.getInputStream());
    Thread reader = new Thread(tail, "worker-agent-" + name);
    reader.setDaemon(true);
    reader.start();
    try {
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        stop(process);
        reader.join(1_000);
        WorkerStatus.Step step = new WorkerStatus.Step(name, shown, null, tail.text());
        throw new Failed(name + " command '" + shown + "' did not finish within " + timeout + "; stopped it",
            step);
      }
      reader.join(1_000);
      WorkerStatus.Step step = new WorkerStatus.Step(name, shown, process.exitValue(), tail.text());
      if (process.exitValue() != 0) {
        throw new Failed(name + " command '" + shown + "' exited with " + process.exitValue() + lastLine(step),
            step);
      }
      return step;
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new Failed(name + " command '" + shown + "' interrupted: the agent is stopping",
          new WorkerStatus.Step(name, shown, null, tail.text()));
    }
  }

  private static String lastLine(WorkerStatus.Step step) {
    String[] lines = step.output().strip().split("\n");
    String last = lines[lines.length - 1].strip();
    return last.isEmpty() ? "" : ": " + last;
  }

  /** The program and what it started: {@code npm ci} runs install scripts in child processes. */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** A step that failed; the deploy reports its message and keeps its output. */
  static final class Failed extends RuntimeException {
    private final transient WorkerStatus.Step step;

    Failed(String message, WorkerStatus.Step step) {
      super(message);
      this.step = step;
    }

    WorkerStatus.Step step() {
      return step;
    }
  }

  /** Reads the program's output to its end, keeping only the last {@link #TAIL_BYTES}. */
  private static final class Tail implements Runnable {
    private final InputStream in;
    private final byte[] ring = new byte[TAIL_BYTES];
    private long written;

    Tail(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        for (int read; (read = in.read(buffer)) >= 0; ) {
          synchronized (this) {
            for (int i = 0; i < read; i++) {
              ring[(int) (written++ % TAIL_BYTES)] = buffer[i];
            }
          }
        }
      } catch (IOException e) {
        // The program was stopped or closed its output: what was read so far is the tail.
      }
    }

    synchronized String text() {
      int length = (int) Math.min(written, TAIL_BYTES);
      byte[] out = new byte[length];
      int start = (int) ((written - length) % TAIL_BYTES);
      for (int i = 0; i < length; i++) {
        out[i] = ring[(start + i) % TAIL_BYTES];
      }
      return new String(out, StandardCharsets.UTF_8);
    }
  }
}
