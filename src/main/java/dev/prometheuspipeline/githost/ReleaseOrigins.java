package dev.prometheuspipeline.githost;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The hosts' delivery ids seen (replay refusal) and the origin of each release a host's push started. */
@Repository
public class ReleaseOrigins {
  private final JdbcClient db;
  private final TransactionTemplate ownTransaction;

  ReleaseOrigins(JdbcClient db, PlatformTransactionManager transactions) {
    this.db = db;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Records a delivery id; false when the host's delivery was received before (a replay). The primary key
   * decides, so of two nodes receiving the same delivery exactly one goes on.
   */
  public boolean firstDelivery(GitHostKind host, String deliveryId, Instant now, Duration retention) {
    try {
      // Its own transaction, left to roll back on a duplicate: PostgreSQL cannot go on in a transaction
      // where a statement failed.
      ownTransaction.executeWithoutResult(status -> {
        db.sql("DELETE FROM git_host_delivery WHERE received_at < ?")
            .param(now.minus(retention).atOffset(ZoneOffset.UTC)).update();
        db.sql("INSERT INTO git_host_delivery (host, delivery_id, received_at) VALUES (?, ?, ?)")
            .params(host.wireName(), deliveryId, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
      });
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  public void record(String runId, ReleaseOrigin origin) {
    db.sql("INSERT INTO release_origin (run_id, host, repository, project_id, branch, commit_sha)"
            + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(runId, origin.host().wireName(), origin.repository(), origin.projectId(), origin.branch(),
            origin.commit())
        .update();
  }

  public Optional<ReleaseOrigin> of(String runId) {
    return db.sql("SELECT host, repository, project_id, branch, commit_sha FROM release_origin WHERE run_id = ?")
        .param(runId)
        .query((rs, n) -> new ReleaseOrigin(GitHostKind.fromWire(rs.getString(1)).orElseThrow(), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5)))
        .optional();
  }
}
