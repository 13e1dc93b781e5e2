package dev.prometheuspipeline.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.Contexto;
import dev.prometheuspipeline.release.InvalidContextoException;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.run.ReleaseService;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.release.StoredReport;
import dev.prometheuspipeline.release.Trigger;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/releases}: start a run with the contract's {@code contexto}, follow it, read its reports.
 * Authenticated by {@code SecurityConfiguration}; the authenticated user is the run's requester.
 */
@Profile("!worker")
@RestController
@RequestMapping("/api/releases")
class ReleaseController {
  /** Room for {@link Contexto#MAX_ARTEFATOS} artifacts with long paths, and no more. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final ReleaseService releases;
  private final ReleaseRuns runs;
  private final RunReports reports;
  private final ReleaseViews views;
  private final IdentityService identity;
  private final ObjectMapper json;

  ReleaseController(ReleaseService releases, ReleaseRuns runs, RunReports reports, ReleaseViews views, IdentityService identity,
      ObjectMapper json) {
    this.releases = releases;
    this.runs = runs;
    this.reports = reports;
    this.views = views;
    this.identity = identity;
    this.json = json;
  }

  @PostMapping
  ResponseEntity<ObjectNode> start(HttpServletRequest request) throws IOException {
    // Read no more than the limit: a body of any size otherwise sits whole in memory before it is refused.
    byte[] raw = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (raw.length > MAX_BODY_BYTES) {
      throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "the body is over " + MAX_BODY_BYTES
          + " bytes, the limit of POST /api/releases; a release lists at most " + Contexto.MAX_ARTEFATOS
          + " artifacts: split a larger one");
    }
    Contexto contexto = Contexto.parse(contextoOf(new String(raw, StandardCharsets.UTF_8)), Optional.empty());
    String requester = currentUser();
    ReleaseRun run = contexto.modo() == Modo.VALIDAR
        ? releases.validar(contexto, requester, Trigger.API)
        : releases.implantar(contexto, requester, Trigger.API);
    return ResponseEntity.accepted()
        .location(URI.create("/api/releases/" + run.id()))
        .body(views.summary(run));
  }

  @GetMapping
  ArrayNode recent(@RequestParam(defaultValue = "20") int limit) {
    ArrayNode list = json.createArrayNode();
    runs.recent(Math.max(1, Math.min(limit, 200))).forEach(run -> list.add(views.summary(run)));
    return list;
  }

  @GetMapping("/{id}")
  ObjectNode one(@PathVariable String id) {
    return views.full(id).orElseThrow(() -> notFound("release " + id));
  }

  @GetMapping("/{id}/reports/{reportId}")
  ResponseEntity<byte[]> report(@PathVariable String id, @PathVariable String reportId) {
    StoredReport report = reports.report(id, reportId).orElseThrow(() -> notFound("report " + reportId));
    // The HTML report shows text from users' files: every answer is nosniff (system.SecurityHeaders). A strict
    // Content-Security-Policy is not possible: the HTML report's scripts are inline.
    // Bytes, in UTF-8: as a String, a type such as application/sarif+json would be written in ISO-8859-1.
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(report.mediaType()))
        .body(report.body().getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode contextoOf(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidContextoException("body", "empty; send {\"contexto\": {\"modo\": …, \"release_ref\": …, "
          + "\"artefatos\": […]}}");
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidContextoException("body", "not valid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidContextoException("body", "must be a JSON object {\"contexto\": {…}}");
    }
    JsonNode contexto = root.get("contexto");
    if (contexto == null || contexto.isNull()) {
      throw new InvalidContextoException("contexto", "missing; send {\"contexto\": {…}} as the seed's contract has it");
    }
    return contexto;
  }

  private String currentUser() {
    Authentication current = identity.getCurrentAuthentication();
    if (current == null || current.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "authentication required");
    }
    return current.getUserId();
  }

  private static ResponseStatusException notFound(String what) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, what + " not found");
  }
}
