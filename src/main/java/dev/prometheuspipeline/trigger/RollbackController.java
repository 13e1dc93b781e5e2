package dev.prometheuspipeline.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.rollback.ReleaseRollback;
import dev.prometheuspipeline.rollback.RollbackRequests;
import dev.prometheuspipeline.run.ReleaseRuns;
import java.net.URI;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/releases/{id}/rollback} with {@code {"motivo": "…"}}: asks for the manual rollback of a
 * verified release. Any authenticated user may ask, as any may request a release; a member of the
 * approvers' group who is neither the asker nor the release's author approves it in Tasklist.
 */
@Profile("!worker")
@RestController
@RequestMapping("/api/releases")
class RollbackController {
  private final RollbackRequests rollbacks;
  private final ReleaseRuns runs;
  private final ReleaseViews views;
  private final IdentityService identity;
  private final ObjectMapper json;

  RollbackController(RollbackRequests rollbacks, ReleaseRuns runs, ReleaseViews views, IdentityService identity,
      ObjectMapper json) {
    this.rollbacks = rollbacks;
    this.runs = runs;
    this.views = views;
    this.identity = identity;
    this.json = json;
  }

  @PostMapping("/{id}/rollback")
  ResponseEntity<ObjectNode> rollback(@PathVariable String id, @RequestBody(required = false) String body) {
    Authentication current = identity.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "authentication required");
    }
    ReleaseRun run = runs.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "release " + id + " not found"));
    ReleaseRollback started = rollbacks.request(run, motivoOf(body), current.getUserId());
    ObjectNode view = views.summary(runs.find(id).orElseThrow());
    view.set("rollback", views.rollback(started));
    return ResponseEntity.accepted().location(URI.create("/api/releases/" + id)).body(view);
  }

  private String motivoOf(String body) {
    JsonNode motivo;
    try {
      motivo = body == null || body.isBlank() ? null : json.readTree(body).get("motivo");
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("body", "not valid JSON: " + e.getOriginalMessage());
    }
    if (motivo == null || !motivo.isTextual() || motivo.asText().isBlank()) {
      throw new InvalidRequestException("motivo", "required: say why the release is rolled back, as "
          + "{\"motivo\": \"…\"}; the approver reads it");
    }
    return motivo.asText().strip();
  }
}
