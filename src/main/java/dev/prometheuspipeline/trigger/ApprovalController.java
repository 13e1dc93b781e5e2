package dev.prometheuspipeline.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.run.ReleaseApprovals;
import dev.prometheuspipeline.run.ReleaseRuns;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/releases/{id}/approval} with {@code {"aprovado": true|false, "comentario": "…"}}: decides the
 * release's approval as the authenticated user, so a chat bot or a script needs no engine internals. The
 * engine judges the caller as Tasklist would (candidate group, four-eyes rule).
 */
@Profile("!worker")
@RestController
@RequestMapping("/api/releases")
class ApprovalController {
  private static final int MAX_COMMENT = 4000;

  private final ReleaseApprovals approvals;
  private final ReleaseRuns runs;
  private final ReleaseViews views;
  private final ObjectMapper json;

  ApprovalController(ReleaseApprovals approvals, ReleaseRuns runs, ReleaseViews views, ObjectMapper json) {
    this.approvals = approvals;
    this.runs = runs;
    this.views = views;
    this.json = json;
  }

  @PostMapping("/{id}/approval")
  ObjectNode decide(@PathVariable String id, @RequestBody(required = false) String body) {
    JsonNode decision = decisionOf(body);
    JsonNode aprovado = decision.get("aprovado");
    if (aprovado == null || !aprovado.isBoolean()) {
      throw new InvalidRequestException("aprovado", "required: true to approve, false to reject");
    }
    JsonNode comentarioNode = decision.get("comentario");
    if (comentarioNode != null && !comentarioNode.isNull() && !comentarioNode.isTextual()) {
      throw new InvalidRequestException("comentario", "must be a string");
    }
    String comentario = comentarioNode == null || comentarioNode.isNull() ? "" : comentarioNode.asText().strip();
    if (!aprovado.asBoolean() && comentario.isEmpty()) {
      throw new InvalidRequestException("comentario", "required when rejecting: say why, the requester reads it");
    }
    if (comentario.length() > MAX_COMMENT) {
      throw new InvalidRequestException("comentario", "at most " + MAX_COMMENT + " characters");
    }
    ReleaseRun run = runs.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "release " + id + " not found"));
    return views.full(approvals.decide(run, aprovado.asBoolean(), comentario));
  }

  private JsonNode decisionOf(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new InvalidRequestException("body", "send {\"aprovado\": true|false, \"comentario\": \"…\"}");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("body", "not valid JSON: " + e.getOriginalMessage());
    }
  }
}
