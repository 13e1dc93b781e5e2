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

/** The failures a database outage shows up as, each as the layer above it wraps it, and two that are not. */
class DatabaseUnavailableTest {

  @Test
  void aRefusedConnectionInsideTheEnginesPersistenceExceptionIsAnOutage() {
    PSQLException refused = new PSQLException("Connection to localhost:5432 refused",
        PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));

    assertThat(DatabaseUnavailable.isCause(
        new ProcessEngineException("persistence layer", new PersistenceException(refused)))).isTrue();
  }

  @Test
  void theServerShuttingDownUnderAnOpenConnectionIsAnOutage() {
    SQLException shutdown = new SQLException("terminating connection due to administrator command", "57P01");

    assertThat(DatabaseUnavailable.isCause(new RuntimeException(shutdown))).isTrue();
  }

  @Test
  void aPoolThatTimedOutWaitingForAConnectionIsAnOutage() {
    SQLTransientConnectionException timedOut =
        new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms");

    assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException("no connection", timedOut)))
        .isTrue();
    assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("no connection", timedOut)))
        .isTrue();
  }

  @Test
  void aRollbackThatFailedOnAClosedConnectionIsAnOutage() {
    assertThat(DatabaseUnavailable.isCause(new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed")))).isTrue();
  }

  @Test
  void aConstraintViolationIsNotAnOutage() {
    SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");

    assertThat(DatabaseUnavailable.isCause(new DuplicateKeyException("duplicate", duplicate))).isFalse();
  }

  @Test
  void aTargetEngineThatRefusesTheConnectionIsNotADatabaseOutage() {
    assertThat(DatabaseUnavailable.isCause(new IllegalStateException("target down",
        new ConnectException("Connection refused")))).isFalse();
  }

  @Test
  void theAnswerNamesTheReasonAndNothingOfTheServer() {
    var problem = DatabaseUnavailable.problem("/api/releases");

    assertThat(problem.getStatus()).isEqualTo(503);
    assertThat(problem.getDetail()).isEqualTo("the database is unavailable; retry later");
    assertThat(problem.getInstance()).hasToString("/api/releases");
  }
}
