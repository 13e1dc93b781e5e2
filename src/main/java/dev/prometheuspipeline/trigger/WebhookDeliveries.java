package dev.prometheuspipeline.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signatures already accepted inside the tolerance window. The primary key makes the check atomic
 * across nodes: of two deliveries of the same signature, exactly one inserts.
 */
@Repository
class WebhookDeliveries {
  private final JdbcClient db;
  private final TransactionTemplate ownTransaction;

  WebhookDeliveries(JdbcClient db, PlatformTransactionManager transactions) {
    this.db = db;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Records a signature; false when it was seen before (a replay). */
  boolean firstDelivery(String signature, Instant now, Duration tolerance) {
    try {
      // Its own transaction, left to roll back on a duplicate: PostgreSQL cannot go on in a
      // transaction where a statement failed, even when the failure is caught.
      ownTransaction.executeWithoutResult(status -> {
        // Older signatures can no longer pass the timestamp check, so they need not be remembered.
        db.sql("DELETE FROM webhook_delivery WHERE received_at < ?")
            .param(now.minus(tolerance.multipliedBy(2)).atOffset(ZoneOffset.UTC)).update();
        db.sql("INSERT INTO webhook_delivery (signature, received_at) VALUES (?, ?)")
            .params(signature, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
      });
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }
}
