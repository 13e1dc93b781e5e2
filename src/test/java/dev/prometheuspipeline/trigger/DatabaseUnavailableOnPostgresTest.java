package dev.prometheuspipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * The two reasons told apart on the exceptions HikariCP really throws, on a real PostgreSQL: a pool whose only
 * connection is held by someone else is busy; the same pool with the database stopped is down; and once the
 * database is back, a busy pool is busy again, not down because of the failure before.
 */
class DatabaseUnavailableOnPostgresTest {

  @Test
  void aBusyPoolAndAStoppedDatabaseGiveTheirOwnReasons() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path data = Files.createTempDirectory("unavailable-postgres");
    EmbeddedPostgres postgres = start(port, data);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(250);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      assertThat(whyNoSecondConnection(pool)).isEqualTo(DatabaseUnavailable.BUSY);

      postgres.close();
      // The pooled connection was used a moment ago, so the pool hands it out untested: the query meets the end.
      Throwable brokenUnderfoot = catchThrowable(() -> {
        try (Connection connection = pool.getConnection()) {
          connection.createStatement().execute("SELECT 1");
        }
      });
      assertThat(DatabaseUnavailable.causeOf(brokenUnderfoot)).as("%s", brokenUnderfoot)
          .contains(DatabaseUnavailable.DOWN);
      // Then the pool tries to connect anew, fails, and times out with that failure as the cause.
      Throwable refused = catchThrowable(() -> pool.getConnection().close());
      assertThat(DatabaseUnavailable.causeOf(refused)).as("%s", refused).contains(DatabaseUnavailable.DOWN);

      postgres = start(port, data);
      assertThat(whyNoSecondConnection(pool)).isEqualTo(DatabaseUnavailable.BUSY);
    } finally {
      postgres.close();
    }
  }

  /** Holds the pool's one connection and asks for another. */
  private static DatabaseUnavailable whyNoSecondConnection(HikariDataSource pool) throws Exception {
    try (Connection held = awaitConnection(pool)) {
      Throwable timedOut = catchThrowable(() -> pool.getConnection().close());
      return DatabaseUnavailable.causeOf(timedOut).orElseThrow(() -> new AssertionError("not a reason", timedOut));
    }
  }

  /** The pool reconnects on its own after a restart; the first asks may still meet the broken connection. */
  private static Connection awaitConnection(HikariDataSource pool) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        Connection connection = pool.getConnection();
        if (connection.isValid(1)) {
          return connection;
        }
        connection.close();
      } catch (java.sql.SQLException notYet) {
        if (attempt == 40) {
          throw notYet;
        }
      }
      Thread.sleep(250);
    }
  }

  private static EmbeddedPostgres start(int port, Path data) throws java.io.IOException {
    return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
  }
}
