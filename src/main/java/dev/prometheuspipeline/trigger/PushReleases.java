package dev.prometheuspipeline.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.githost.ReleaseOrigin;
import dev.prometheuspipeline.githost.ReleaseOrigins;
import dev.prometheuspipeline.release.PushedCommit;
import dev.prometheuspipeline.release.ReleaseConflictException;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.Trigger;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.ReleaseService;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.SourceException;
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
 * {@code release_ref} {@code <branch>@<sha12>}, started before the files are listed. A push from a Git host records where it came from in the
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
   * Starts the release of {@code branch} at {@code commit} (empty: the branch's head) and answers {@code 202} at
   * once: the run's fetch stage lists and reads the files, so a full sha costs this request no Git work. An
   * abbreviated sha or a branch is resolved first, since the release_ref names the commit; a commit the
   * repository does not have, or one without engine artifacts, ends the run {@code failed} with the reason.
   *
   * @param origin where the push came from, given the commit the pipeline resolved; empty for the seed's format
   */
  ResponseEntity<ObjectNode> start(String branch, String commit, Function<String, Optional<ReleaseOrigin>> origin) {
    PushedCommit push;
    try {
      push = new PushedCommit(branch, PushedCommit.isFullSha(commit) ? commit
          : fetcher.resolve(commit.isEmpty() ? branch : commit));
    } catch (SourceException e) {
      return answer(e.isRetryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_ENTITY,
          e.getMessage());
    }
    ReleaseRun run;
    try {
      run = transaction.execute(status -> {
        ReleaseRun started = releases.validarPush(push, REQUESTER, Trigger.WEBHOOK);
        origin.apply(push.commit()).ifPresent(from -> origins.record(started.id(), from));
        return started;
      });
    } catch (ReleaseConflictException e) {
      // The same commit delivered again while its release runs: answer with that run, start nothing.
      ReleaseRun existing = runs.latest(push.releaseRef()).orElseThrow(() -> e);
      ObjectNode body = json.createObjectNode().put("id", existing.id()).put("release_ref", push.releaseRef())
          .put("message", "release for this commit is already " + existing.state().wireName());
      return ResponseEntity.ok(body);
    }
    log.info("webhook release={} run={} commit={} outcome=started", push.releaseRef(), run.id(), push.commit());
    ObjectNode answer = json.createObjectNode().put("id", run.id()).put("release_ref", push.releaseRef())
        .put("commit", push.commit())
        .put("message", "release started; its fetch stage lists the product folders' files at the commit: "
            + "GET /api/releases/" + run.id() + " follows it");
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
