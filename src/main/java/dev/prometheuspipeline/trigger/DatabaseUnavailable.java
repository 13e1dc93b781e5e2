package dev.prometheuspipeline.trigger;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * A failure that means the database cannot be reached right now (stopped, restarting, unreachable, or every
 * pooled connection busy past the pool's timeout), and the answer for it: 503 with a reason and when to retry,
 * never the driver's message, which names hosts, ports and SQL.
 */
public final class DatabaseUnavailable {
  /** What a client is told; the same on every endpoint. */
  public static final String REASON = "the database is unavailable; retry later";
  /** A database restart or a failover takes seconds; asking again sooner only adds load. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
  /**
   * PostgreSQL's "connection exception" class is 08; 57P01-57P03 are a server shutting down or starting
   * (admin_shutdown, crash_shutdown, cannot_connect_now), which a connection sees while a database restarts.
   */
  private static final Set<String> OPERATOR_STATES = Set.of("57P01", "57P02", "57P03");
  // Bounds the walk: a cause chain that loops back on itself must not hang a request thread.
  private static final int MAX_DEPTH = 32;

  private DatabaseUnavailable() {}

  /** Whether {@code failure}, or anything that caused it, says the database cannot be reached. */
  public static boolean isCause(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
      if (isUnreachable(cause)) {
        return true;
      }
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    return false;
  }

  /** The RFC 9457 answer, for {@code instance} (the request's path). */
  public static ProblemDetail problem(String instance) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, REASON);
    problem.setTitle("Database unavailable");
    try {
      problem.setInstance(URI.create(instance));
    } catch (IllegalArgumentException notAUri) {
      // The answer stands without it.
    }
    problem.setProperty("retry_after_seconds", RETRY_AFTER.toSeconds());
    return problem;
  }

  /**
   * The same answer in the shape of the engine REST API's errors ({@code type}, {@code message}), which its
   * clients (the external-task client, Tasklist, Cockpit) read.
   */
  public static Map<String, String> engineRestError() {
    return Map.of("type", "DatabaseUnavailable", "message", REASON);
  }

  private static boolean isUnreachable(Throwable cause) {
    if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
        || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
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
