package dev.prometheuspipeline.board;

import dev.prometheuspipeline.report.ReportPages;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The release board at {@code /releases}: pages rendered by {@link ReleaseBoard} through the escaping
 * templates, a fragment per page that the page fetches again when its event stream says something changed,
 * and the streams themselves. Authentication is the webapps' session (or HTTP Basic), checked before this
 * controller by the security configuration.
 */
@Profile("!worker")
@Controller
class BoardController {
  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);
  private static final SecureRandom NONCES = new SecureRandom();

  private final BoardReader reader;
  private final LiveUpdates live;
  private final BoardProperties properties;

  BoardController(BoardReader reader, LiveUpdates live, BoardProperties properties) {
    this.reader = reader;
    this.live = live;
    this.properties = properties;
  }

  @GetMapping("/releases")
  ResponseEntity<String> list() {
    return page("list", "", Map.of("rows", reader.recent(properties.recent())));
  }

  @GetMapping("/releases/live")
  ResponseEntity<String> listPart() {
    return page("list", "rows", Map.of("rows", reader.recent(properties.recent())));
  }

  @GetMapping(path = "/releases/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter listEvents() {
    return stream(LiveUpdates.EVERY_RUN);
  }

  @GetMapping("/releases/{id}")
  ResponseEntity<String> release(@PathVariable String id) {
    return page("release", "", Map.of("release", found(id)));
  }

  @GetMapping("/releases/{id}/live")
  ResponseEntity<String> releasePart(@PathVariable String id) {
    return page("release", "live", Map.of("release", found(id)));
  }

  @GetMapping(path = "/releases/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter releaseEvents(@PathVariable String id) {
    return stream(found(id).id());
  }

  private ReleasePage found(String id) {
    return reader.release(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no release " + id));
  }

  private SseEmitter stream(String runId) {
    SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
    LiveUpdates.Stream stream = new LiveUpdates.Stream((event, data) -> emitter.send(event.isEmpty()
        ? SseEmitter.event().comment(data) : SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON)),
        emitter::complete);
    if (!live.open(runId, stream)) {
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many open board pages; try again later");
    }
    emitter.onCompletion(() -> live.close(stream));
    emitter.onTimeout(() -> {
      live.close(stream);
      emitter.complete();
    });
    emitter.onError(error -> live.close(stream));
    try {
      // Tells the page it follows now: it fetches its part once, for what changed before it listened.
      emitter.send(SseEmitter.event().name("ready").data("{\"run\":\"" + runId + "\"}", MediaType.APPLICATION_JSON));
    } catch (java.io.IOException gone) {
      live.close(stream);
    }
    return emitter;
  }

  /**
   * A page or one of its fragments. Its scripts and styles carry a fresh nonce, the only ones the policy lets
   * run: a value that slipped past the escaping still could not execute.
   */
  private static ResponseEntity<String> page(String template, String fragment, Map<String, Object> variables) {
    byte[] bytes = new byte[18];
    NONCES.nextBytes(bytes);
    String nonce = Base64.getEncoder().encodeToString(bytes);
    Map<String, Object> model = new HashMap<>(variables);
    model.put("nonce", nonce);
    return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore())
        .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-"
            + nonce + "'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'")
        .body(ReportPages.renderBoard(template, fragment, model));
  }
}
