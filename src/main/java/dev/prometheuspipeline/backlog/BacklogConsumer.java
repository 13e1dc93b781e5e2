package dev.prometheuspipeline.backlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.Contexto;
import dev.prometheuspipeline.release.InvalidContextoException;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.run.ReleaseService;
import dev.prometheuspipeline.release.Trigger;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes {@code executar_pipeline} rows from the backlog and starts what they ask for. Each row is
 * claimed, parsed and started in one transaction, so a run exists exactly when its row says
 * {@code em_andamento}. When that fails, the transaction rolls back and a second one marks the row
 * {@code erro} with the reason: a bad row is reported once, never retried forever, never lost.
 */
@Profile("!worker")
@Component
class BacklogConsumer {
  private static final Logger log = LoggerFactory.getLogger(BacklogConsumer.class);
  /** Who asked, when an unsigned row does not say: the seed's producer of validar. */
  private static final String DEFAULT_REQUESTER = "PROMETHEUS";

  private final Backlog backlog;
  private final ReleaseService releases;
  private final TransactionTemplate transactions;
  private final ObjectMapper json;
  private final BacklogProperties properties;
  private final TaskScheduler scheduler;
  private final RowProofs proofs;
  private ScheduledFuture<?> polling;

  BacklogConsumer(Backlog backlog, ReleaseService releases, TransactionTemplate transactions, ObjectMapper json,
      BacklogProperties properties, TaskScheduler scheduler) {
    this.backlog = backlog;
    this.releases = releases;
    this.transactions = transactions;
    this.json = json;
    this.properties = properties;
    this.scheduler = scheduler;
    this.proofs = new RowProofs(properties.serviceAccounts());
  }

  @EventListener(ApplicationReadyEvent.class)
  void startPolling() {
    if (properties.enabled() && polling == null) {
      polling = scheduler.scheduleWithFixedDelay(this::drain, properties.pollInterval());
    }
  }

  /** Consumes up to one batch of pending rows; returns how many rows it settled. */
  int drain() {
    int settled = 0;
    try {
      while (settled < properties.batchSize() && consumeOne()) {
        settled++;
      }
    } catch (RuntimeException e) {
      // The database itself failed: the row stays pending and the next poll tries again.
      log.warn("backlog poll failed, will retry: {}", e.getMessage());
    }
    return settled;
  }

  private boolean consumeOne() {
    Optional<BacklogRow> claimed;
    RowRefused refused;
    try {
      claimed = transactions.execute(status -> {
        Optional<BacklogRow> row = backlog.claimNext();
        row.ifPresent(this::start);
        return row;
      });
      return claimed != null && claimed.isPresent();
    } catch (RowRefused e) {
      refused = e;
    }
    transactions.executeWithoutResult(status -> backlog.markError(refused.rowId, refused.getMessage()));
    log.warn("backlog row={} outcome=erro reason={}", refused.rowId, refused.getMessage());
    return true;
  }

  private void start(BacklogRow row) {
    try {
      Contexto contexto = parse(row);
      Optional<RowProofs.Signer> signer = proofs.signer(row);
      if (signer.isPresent() && backlog.proofTaken(row)) {
        throw new RowProofs.NotSignedException("another row with this very assinatura was already taken (a"
            + " replay); a new request is a new row, e.g. with its own intent_id in contexto");
      }
      ReleaseRun run;
      if (contexto.modo() == Modo.VALIDAR) {
        // Unproven, the declared origem is kept for reading only: never a user id (':' is not allowed in one),
        // so it can neither block an approver through four-eyes nor pass for the account it names.
        String requester = signer.map(RowProofs.Signer::account).orElseGet(() -> "backlog:"
            + (row.origem().isBlank() ? DEFAULT_REQUESTER : row.origem()) + " (unverified)");
        run = releases.validar(contexto, requester, Trigger.BACKLOG);
      } else {
        // Implantar approves a waiting release or deploys an approved one again: only a proven account may.
        RowProofs.Signer account = signer.orElseThrow(() -> new RowProofs.NotSignedException("modo implantar"
            + " needs a signed row (origem a service account, assinatura its HMAC-SHA256; see README: Backlog)"));
        run = releases.implantar(contexto, account.account(), account.groups(), Trigger.BACKLOG);
      }
      backlog.markStarted(row.id(), run.id(), contexto.modo());
      log.info("backlog row={} release={} run={} modo={} outcome=started", row.id(), run.releaseRef(), run.id(),
          contexto.modo().wireName());
    } catch (RuntimeException e) {
      throw new RowRefused(row.id(), e);
    }
  }

  private Contexto parse(BacklogRow row) {
    JsonNode node;
    try {
      node = json.readTree(row.contexto().isBlank() ? "null" : row.contexto());
    } catch (JsonProcessingException e) {
      throw new InvalidContextoException("contexto", "is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
    }
    // Accept the contexto itself or an object wrapping it, as the seed's insert writes it.
    if (node != null && node.isObject() && node.size() == 1 && node.path("contexto").isObject()) {
      node = node.get("contexto");
    }
    Optional<Modo> columnModo = Optional.empty();
    if (!row.modo().isBlank()) {
      columnModo = Optional.of(Modo.fromWire(row.modo().trim()).orElseThrow(() -> new InvalidContextoException(
          "modo", "unknown value \"" + row.modo() + "\"; use \"validar\" or \"implantar\"")));
    }
    Contexto contexto = Contexto.parse(node, columnModo);
    if (columnModo.isPresent() && columnModo.get() != contexto.modo()) {
      throw new InvalidContextoException("modo", "the row says " + columnModo.get().wireName()
          + " but contexto.modo says " + contexto.modo().wireName() + "; make them agree");
    }
    return contexto;
  }

  /** Carries the row id out of the rolled-back transaction. */
  private static final class RowRefused extends RuntimeException {
    private final long rowId;

    RowRefused(long rowId, RuntimeException cause) {
      super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
      this.rowId = rowId;
    }
  }
}
