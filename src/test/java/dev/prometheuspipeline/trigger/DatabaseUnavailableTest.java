package dev.prometheuspipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The failures a database outage or a saturated pool shows up as, each as the layer above it wraps it, and two
 * that are neither. {@code DatabaseUnavailableOnPostgresTest} makes the pool's own exceptions on a real database.
 */
class DatabaseUnavailableTest {
  private static final PSQLException REFUSED = new PSQLException("Connection to localhost:5432 refused",
      PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));

  @Test
  void aRefusedConnectionInsideTheEnginesPersistenceExceptionIsAnOutage() {
    assertThat(DatabaseUnavailable.causeOf(
        new ProcessEngineException("persistence layer", new PersistenceException(REFUSED))))
        .contains(DatabaseUnavailable.DOWN);
  }

  @Test
  void theServerShuttingDownUnderAnOpenConnectionIsAnOutage() {
    SQLException shutdown = new SQLException("terminating connection due to administrator command", "57P01");

    assertThat(DatabaseUnavailable.causeOf(new RuntimeException(shutdown))).contains(DatabaseUnavailable.DOWN);
  }

  @Test
  void aPoolThatTimedOutWithNoFailedConnectionIsBusyNotDown() {
    SQLTransientConnectionException timedOut =
        new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms");

    assertThat(DatabaseUnavailable.causeOf(new CannotCreateTransactionException("no connection", timedOut)))
        .contains(DatabaseUnavailable.BUSY);
    assertThat(DatabaseUnavailable.causeOf(new CannotGetJdbcConnectionException("no connection", timedOut)))
        .contains(DatabaseUnavailable.BUSY);
  }

  @Test
  void aPoolThatTimedOutAfterAFailedConnectionIsAnOutage() {
    SQLTransientConnectionException timedOut = new SQLTransientConnectionException(
        "Connection is not available, request timed out after 5000ms", REFUSED);

    assertThat(DatabaseUnavailable.causeOf(new CannotCreateTransactionException("no connection", timedOut)))
        .contains(DatabaseUnavailable.DOWN);
  }

  @Test
  void aConnectionSpringCouldNotGetForAnUnknownReasonIsAnOutage() {
    assertThat(DatabaseUnavailable.causeOf(new CannotGetJdbcConnectionException("no connection")))
        .contains(DatabaseUnavailable.DOWN);
  }

  @Test
  void aRollbackThatFailedOnAClosedConnectionIsAnOutage() {
    assertThat(DatabaseUnavailable.causeOf(new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed")))).contains(DatabaseUnavailable.DOWN);
  }

  @Test
  void aConstraintViolationIsNotAnOutage() {
    SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");

    assertThat(DatabaseUnavailable.causeOf(new DuplicateKeyException("duplicate", duplicate))).isEmpty();
  }

  @Test
  void aTargetEngineThatRefusesTheConnectionIsNotADatabaseOutage() {
    assertThat(DatabaseUnavailable.causeOf(new IllegalStateException("target down",
        new ConnectException("Connection refused")))).isEmpty();
  }

  @Test
  void eachAnswerNamesItsReasonAndNothingOfTheServer() {
    var down = DatabaseUnavailable.DOWN.problem("/api/releases");
    var busy = DatabaseUnavailable.BUSY.problem("/api/releases");

    assertThat(down.getStatus()).isEqualTo(503);
    assertThat(down.getTitle()).isEqualTo("Database unavailable");
    assertThat(down.getDetail()).isEqualTo("the database is unavailable; retry later");
    assertThat(down.getInstance()).hasToString("/api/releases");
    assertThat(busy.getStatus()).isEqualTo(503);
    assertThat(busy.getTitle()).isEqualTo("Server busy");
    assertThat(busy.getDetail()).isEqualTo("every database connection is in use; retry shortly");
    assertThat(busy.getProperties()).containsEntry("retry_after_seconds", 1L);
  }
}
