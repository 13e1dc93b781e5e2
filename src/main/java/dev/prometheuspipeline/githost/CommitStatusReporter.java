package dev.prometheuspipeline.githost;

import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseStateChanged;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.StoredReport;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.run.StageResults;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Reports a release's state to the commit it was pushed from, once the change is committed. The reports go
 * out one after another on a thread of their own, so they reach the host in the order the release moved and
 * a slow host never holds up the engine; each is tried a bounded number of times and then only logged: a
 * host that cannot be told never fails a release.
 */
@Component
class CommitStatusReporter {
  /** The validation report's SARIF in the run store (see {@code validate/ValidateHandler}). */
  static final String SARIF_KIND = "validation-sarif";
  private static final Logger log = LoggerFactory.getLogger(CommitStatusReporter.class);

  private final GitHostsProperties properties;
  private final ReleaseOrigins origins;
  private final StageResults stages;
  private final RunReports reports;
  private final CommitStatusClient client;
  private final Environment environment;
  private final Optional<URI> publicUrl;
  private final RetryTemplate retry;
  private final ThreadPoolTaskExecutor queue;

  CommitStatusReporter(GitHostsProperties properties, ReleaseOrigins origins, StageResults stages, RunReports reports,
      CommitStatusClient client, Environment environment, @Value("${pipeline.public-url:}") String publicUrl) {
    this.properties = properties;
    this.origins = origins;
    this.stages = stages;
    this.reports = reports;
    this.client = client;
    this.environment = environment;
    this.publicUrl = publicUrl.isBlank() ? Optional.empty() : Optional.of(URI.create(publicUrl.strip()));
    this.retry = RetryTemplate.builder()
        .maxAttempts(properties.reportAttempts())
        .exponentialBackoff(properties.reportBackoff().toMillis(), 2.0, properties.reportBackoff().toMillis() * 8)
        .retryOn(GitHostException.Unavailable.class)
        .build();
    this.queue = new ThreadPoolTaskExecutor();
    queue.setCorePoolSize(1);
    queue.setMaxPoolSize(1);
    queue.setQueueCapacity(10_000);
    queue.setThreadNamePrefix("commit-status-");
    queue.initialize();
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void onStateChanged(ReleaseStateChanged changed) {
    if (properties.hosts().isEmpty()) {
      return;
    }
    try {
      Optional<ReleaseOrigin> origin = origins.of(changed.runId());
      Optional<Map.Entry<String, GitHostsProperties.Host>> host = origin.flatMap(properties::hostFor);
      if (host.isEmpty()) {
        return; // not pushed from a host, or from one nobody configured: nothing to tell
      }
      // Read now, right after the change committed: later the release may have moved on.
      CommitStatuses.Update update = CommitStatuses.of(changed.state(), changed.reason(),
          outcome(changed.runId(), Modo.VALIDAR), outcome(changed.runId(), Modo.IMPLANTAR));
      Optional<String> sarif = update.uploadSarif() && host.get().getValue().sarif()
          && host.get().getValue().kind() == GitHostKind.GITHUB
          ? reports.latest(changed.runId(), SARIF_KIND).map(StoredReport::body) : Optional.empty();
      Report report = new Report(changed, host.get().getKey(), host.get().getValue(), origin.get(), update.statuses(),
          sarif);
      queue.execute(() -> deliver(report));
    } catch (RejectedExecutionException e) {
      log.warn("githost release={} run={} outcome=dropped reason=report queue full", changed.releaseRef(),
          changed.runId());
    } catch (RuntimeException e) {
      log.warn("githost release={} run={} outcome=skipped error={}", changed.releaseRef(), changed.runId(),
          e.toString());
    }
  }

  private record Report(ReleaseStateChanged changed, String hostName, GitHostsProperties.Host host,
      ReleaseOrigin origin, List<CommitStatus> statuses, Optional<String> sarif) {}

  private void deliver(Report report) {
    String token = environment.getProperty(report.host().tokenEnv(), "");
    if (report.host().tokenEnv().isEmpty() || token.isBlank()) {
      log.warn("githost host={} release={} outcome=skipped reason=token-env {} is not set", report.hostName(),
          report.changed().releaseRef(), report.host().tokenEnv());
      return;
    }
    // The release's board page; without pipeline.public-url the host gets no link rather than a relative one.
    Optional<URI> target = publicUrl.map(base -> URI.create(base.toString().replaceAll("/+$", "") + "/releases/"
        + report.changed().runId()));
    for (CommitStatus status : report.statuses()) {
      attempt(report, "status " + status.context(properties.statusContext()) + "=" + status.state(),
          () -> client.post(report.host(), token, report.origin(), status.context(properties.statusContext()), status,
              target));
    }
    report.sarif().ifPresent(sarif -> attempt(report, "sarif",
        () -> client.uploadSarif(report.host(), token, report.origin(), sarif)));
  }

  private void attempt(Report report, String what, Runnable call) {
    try {
      retry.execute(context -> {
        call.run();
        return null;
      });
      log.info("githost host={} release={} run={} commit={} report={} outcome=reported", report.hostName(),
          report.changed().releaseRef(), report.changed().runId(), report.origin().commit(), what);
    } catch (RuntimeException e) {
      log.warn("githost host={} release={} run={} commit={} report={} outcome=failed error={}", report.hostName(),
          report.changed().releaseRef(), report.changed().runId(), report.origin().commit(), what, e.getMessage());
    }
  }

  private Optional<Boolean> outcome(String runId, Modo modo) {
    return stages.resultado(runId, modo).map(resultado -> Resultado.SUCESSO.equals(resultado.path("status").asText()));
  }

  @PreDestroy
  void stop() {
    queue.shutdown();
  }
}
