package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of an external tool (node, npm, npx) without a shell: the arguments go to the program as
 * given, so nothing in a worker's file names is ever interpreted. Output is captured up to a cap (the
 * rest is read and dropped, so a chatty tool never blocks on a full pipe), and a run past its time
 * limit is killed with every process it started.
 *
 * @param exitCode the tool's exit code; -1 when it was killed
 * @param stdout what it printed, at most the cap
 * @param stderr what it printed on its error stream, at most the cap
 * @param timedOut true when it ran past its limit and was killed
 * @param truncated true when either stream was longer than the cap
 */
record ToolRun(int exitCode, String stdout, String stderr, boolean timedOut, boolean truncated) {
  ToolRun {
    requireNonNull(stdout, "stdout");
    requireNonNull(stderr, "stderr");
  }

  /**
   * Runs {@code command} in {@code directory}.
   *
   * @throws IOException when the program cannot be started (not installed, not on PATH)
   */
  static ToolRun run(List<String> command, Path directory, Duration timeout, int maxOutputBytes)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> environment = builder.environment();
    // Tools behave as in CI: no prompts, no update checks, no colour codes in the output we parse.
    environment.put("CI", "true");
    environment.put("NO_UPDATE_NOTIFIER", "1");
    environment.put("NO_COLOR", "1");
    environment.put("npm_config_audit", "false");
    environment.put("npm_config_fund", "false");
    environment.put("npm_config_update_notifier", "false");
    Process process = builder.start();
    process.getOutputStream().close();
    Capped out = new Capped(process.getInputStream(), maxOutputBytes);
    Capped err = new Capped(process.getErrorStream(), maxOutputBytes);
    Thread outReader = daemon(out, command.get(0) + "-stdout");
    Thread errReader = daemon(err, command.get(0) + "-stderr");
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        killTree(process);
      }
      // The readers end when the pipes close, which killing (or exiting) does.
      outReader.join(5_000);
      errReader.join(5_000);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    return new ToolRun(finished ? process.exitValue() : -1, out.text(), err.text(), !finished,
        out.truncated || err.truncated);
  }

  private static Thread daemon(Runnable reader, String name) {
    Thread thread = new Thread(reader, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Children first, so none is reparented and left running when its parent dies; then waits (a
   * little) until they are gone, so that what a run started is over when it returns.
   */
  private static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      for (ProcessHandle descendant : descendants) {
        descendant.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Killed but not yet reaped; the signal is sent, and there is nothing more to do.
    }
  }

  /** Both streams, for messages: stderr first, where tools explain themselves. */
  String output() {
    return (stderr.strip() + "\n" + stdout.strip()).strip();
  }

  private static final class Capped implements Runnable {
    private final InputStream in;
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean truncated;

    Capped(InputStream in, int cap) {
      this.in = in;
      this.cap = cap;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
          synchronized (kept) {
            int room = cap - kept.size();
            if (room > 0) {
              kept.write(buffer, 0, Math.min(room, read));
            }
            if (read > room) {
              truncated = true;
            }
          }
        }
      } catch (IOException e) {
        // The process was killed; what was read so far is all there is.
      }
    }

    String text() {
      synchronized (kept) {
        return kept.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
