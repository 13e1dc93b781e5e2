package dev.prometheuspipeline.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.githost.ReleaseOrigin;
import dev.prometheuspipeline.githost.ReleaseOrigins;
import dev.prometheuspipeline.release.Contexto;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseConflictException;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.Trigger;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.ReleaseService;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.SourceException;
import dev.prometheuspipeline.source.SourceSnapshot;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every webhook does with a verified push to the release branch, whichever format it came in: a
 * {@code validar} release of every supported file under the product folders at that commit, with
 * {@code release_ref} {@code <branch>@<sha12>}. A push from a Git host records where it came from in the
 * same transaction, so the release's first state is already reported back to that commit.
 */
@Profile("!worker")
@Component
class PushReleases {
  static final String REQUESTER = "webhook";
  private static final Logger log = LoggerFactory.getLogger(PushReleases.class);

  private final ArtifactFetcher fetcher;
  private final ReleaseService releases;
  private final ReleaseRuns runs;
  private final ReleaseOrigins origins;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;

  PushReleases(ArtifactFetcher fetcher, ReleaseService releases, ReleaseRuns runs, ReleaseOrigins origins,
      PlatformTransactionManager transactions, ObjectMapper json) {
    this.fetcher = fetcher;
    this.releases = releases;
    this.runs = runs;
    this.origins = origins;
    this.transaction = new TransactionTemplate(transactions);
    this.json = json;
  }

  /**
   * Starts the release of {@code branch} at {@code commit} (empty: the branch's head).
   *
   * @param origin where the push came from, given the commit the pipeline resolved; empty for the seed's format
   */
  ResponseEntity<ObjectNode> start(String branch, String commit, Function<String, Optional<ReleaseOrigin>> origin) {
    SourceSnapshot snapshot;
    try {
      snapshot = fetcher.snapshot(commit.isEmpty() ? branch : commit);
    } catch (SourceException e) {
      return answer(e.isRetryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_ENTITY,
          e.getMessage());
    }
    if (snapshot.artifacts().isEmpty()) {
      return answer(HttpStatus.UNPROCESSABLE_ENTITY, "no .bpmn, .dmn, .form or .html files under the product "
          + "folders at " + snapshot.commit() + "; nothing to release");
    }
    String releaseRef = branch + "@" + snapshot.commit().substring(0, 12);
    Contexto contexto = new Contexto(Modo.VALIDAR, releaseRef, "", snapshot.artifacts());
    ReleaseRun run;
    try {
      run = transaction.execute(status -> {
        ReleaseRun started = releases.validar(contexto, REQUESTER, Trigger.WEBHOOK);
        origin.apply(snapshot.commit()).ifPresent(from -> origins.record(started.id(), from));
        return started;
      });
    } catch (ReleaseConflictException e) {
      // The same commit delivered again while its release runs: answer with that run, start nothing.
      ReleaseRun existing = runs.latest(releaseRef).orElseThrow(() -> e);
      ObjectNode body = json.createObjectNode().put("id", existing.id()).put("release_ref", releaseRef)
          .put("message", "release for this commit is already " + existing.state().wireName());
      return ResponseEntity.ok(body);
    }
    log.info("webhook release={} run={} commit={} artifacts={} outcome=started", releaseRef, run.id(),
        snapshot.commit(), snapshot.artifacts().size());
    ObjectNode answer = json.createObjectNode().put("id", run.id()).put("release_ref", releaseRef)
        .put("commit", snapshot.commit()).put("artifacts", snapshot.artifacts().size());
    return ResponseEntity.accepted().location(URI.create("/api/releases/" + run.id())).body(answer);
  }

  /**
   * A refusal is an RFC 9457 problem, as the API answers it ({@code detail} says what is wrong and how to fix
   * it); anything else ({@code 200}, {@code 202}) is a {@code message}.
   */
  ResponseEntity<ObjectNode> answer(HttpStatus status, String message) {
    if (!status.isError()) {
      return ResponseEntity.status(status).body(json.createObjectNode().put("message", message));
    }
    ObjectNode problem = json.createObjectNode().put("type", "about:blank").put("title", status.getReasonPhrase())
        .put("status", status.value()).put("detail", message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
