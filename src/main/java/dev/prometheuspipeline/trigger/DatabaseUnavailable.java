package dev.prometheuspipeline.trigger;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Why a request could not get at the database right now, and the answer for it: 503 with the reason and when
 * to retry, never the driver's message, which names hosts, ports and SQL. Two reasons, because they ask
 * different things of the client and of the operator: a database that is down (wait for it to come back) and
 * a pool whose every connection stayed in use past its timeout while the database answers (a burst bigger than
 * the pool; ask again shortly).
 */
public enum DatabaseUnavailable {
  DOWN("Database unavailable", "DatabaseUnavailable", "the database is unavailable; retry later",
      Duration.ofSeconds(5)),
  BUSY("Server busy", "ServerBusy", "every database connection is in use; retry shortly", Duration.ofSeconds(1));

  /**
   * PostgreSQL's "connection exception" class is 08; 57P01-57P03 are a server shutting down or starting
   * (admin_shutdown, crash_shutdown, cannot_connect_now), which a connection sees while a database restarts.
   */
  private static final Set<String> OPERATOR_STATES = Set.of("57P01", "57P02", "57P03");
  // Bounds the walk: a cause chain that loops back on itself must not hang a request thread.
  private static final int MAX_DEPTH = 32;

  private final String title;
  /** The {@code type} of the engine REST API's error shape. */
  private final String engineType;
  private final String reason;
  private final Duration retryAfter;

  DatabaseUnavailable(String title, String engineType, String reason, Duration retryAfter) {
    this.title = title;
    this.engineType = engineType;
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  /**
   * Whether {@code failure}, or anything that caused it, says the database cannot be had right now, and why.
   * HikariCP's pool timeout carries the last failed attempt to connect as its cause: with one, the database is
   * down; without, every connection was merely in use.
   */
  public static Optional<DatabaseUnavailable> causeOf(Throwable failure) {
    boolean poolTimedOut = false;
    boolean connectionLayerFailed = false;
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
      if (isConnectionLost(cause)) {
        return Optional.of(DOWN);
      }
      poolTimedOut |= cause instanceof SQLTransientConnectionException;
      connectionLayerFailed |= cause instanceof DataAccessResourceFailureException
          || cause instanceof CannotCreateTransactionException;
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    if (poolTimedOut) {
      return Optional.of(BUSY);
    }
    // Spring's own word for a connection it could not get or keep, whatever the driver said underneath.
    return connectionLayerFailed ? Optional.of(DOWN) : Optional.empty();
  }

  /** How long a client should wait before asking again: a restart or failover takes seconds, a burst less. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The RFC 9457 answer, for {@code instance} (the request's path). */
  public ProblemDetail problem(String instance) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, reason);
    problem.setTitle(title);
    try {
      problem.setInstance(URI.create(instance));
    } catch (IllegalArgumentException notAUri) {
      // The answer stands without it.
    }
    problem.setProperty("retry_after_seconds", retryAfter.toSeconds());
    return problem;
  }

  /**
   * The same answer in the shape of the engine REST API's errors ({@code type}, {@code message}), which its
   * clients (the external-task client, Tasklist, Cockpit) read.
   */
  public Map<String, String> engineRestError() {
    return Map.of("type", engineType, "message", reason);
  }

  /** A connection that failed or was refused: the database, or the way to it, is down. */
  private static boolean isConnectionLost(Throwable cause) {
    if (cause instanceof SQLNonTransientConnectionException) {
      return true;
    }
    // A commit or rollback that failed at the connection: the database went away mid-transaction. Spring then
    // throws the rollback's failure (Hikari's "Connection is closed", no SQL state) and only logs the commit's.
    if (cause instanceof TransactionSystemException failed && failed.getCause() instanceof SQLException) {
      return true;
    }
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      return sql.getSQLState().startsWith("08") || OPERATOR_STATES.contains(sql.getSQLState());
    }
    return false;
  }
}
