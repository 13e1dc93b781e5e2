package dev.prometheuspipeline.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's status on disk, so {@code GET /status} still names the deployed commit after the agent restarts
 * (a reboot, an upgrade). Written whole to a temporary file and moved over the old one, so a crash leaves
 * either the old status or the new, never half of one.
 */
final class StateFile {
  private static final Logger log = LoggerFactory.getLogger(StateFile.class);

  private final Path file;
  private final ObjectMapper json;

  StateFile(Path file, ObjectMapper json) {
    this.file = file.toAbsolutePath().normalize();
    this.json = json;
  }

  /**
   * The status last written; idle when there is none. A deploy the agent was running when it stopped is
   * reported failed: nobody finishes it, and the caller must deploy again.
   */
  WorkerStatus read(Instant now) {
    if (!Files.isRegularFile(file)) {
      return WorkerStatus.idle();
    }
    try {
      WorkerStatus stored = json.readValue(file.toFile(), WorkerStatus.class);
      if (stored.state() == WorkerStatus.State.DEPLOYING) {
        return stored.failed("the agent stopped while deploying " + stored.requested() + "; deploy it again",
            now, stored.steps());
      }
      return stored;
    } catch (IOException e) {
      // A damaged file must not keep the agent from starting; it only forgets which commit is deployed.
      log.warn("worker-agent state=unreadable file={} reason={}", file.getFileName(), e.getMessage());
      return WorkerStatus.idle();
    }
  }

  void write(WorkerStatus status) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      json.writeValue(temporary.toFile(), status);
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // The deploy itself happened; only its memory across a restart is lost, so say so and go on.
      log.warn("worker-agent state=not-saved file={} reason={}", file.getFileName(), e.getMessage());
    }
  }
}
