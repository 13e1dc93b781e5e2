package dev.prometheuspipeline.notes;

import dev.prometheuspipeline.run.ReleaseRuns;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/releases/{id}/notes}: the release notes in Markdown, authenticated as every {@code /api} call. */
@Profile("!worker")
@RestController
class ReleaseNotesController {
  private final ReleaseRuns runs;
  private final ReleaseNotesRecorder notes;

  ReleaseNotesController(ReleaseRuns runs, ReleaseNotesRecorder notes) {
    this.runs = runs;
    this.notes = notes;
  }

  /** 404 for an unknown release; 409 while its validar is still running, since the notes describe its outcome. */
  @GetMapping("/api/releases/{id}/notes")
  ResponseEntity<byte[]> notes(@PathVariable String id) {
    if (runs.find(id).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "release " + id + " not found");
    }
    String text = notes.notes(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
        "release " + id + " is still in validar; its notes are written when validar concludes"));
    return ResponseEntity.ok().contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8)).body(text.getBytes(StandardCharsets.UTF_8));
  }
}
