package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The scan that proves the secrets stay out finds them where they are put on purpose. */
class SecretScanTest {
  private static final String SECRET = "s3cret-value-for-the-scan";

  @Test
  void findsASecretInALogLineAnExceptionAndTheDatabaseEvenGzippedOrAsAWrappedPem() throws Exception {
    SecretScan scan = new SecretScan(Map.of("the test secret", SECRET, "the key", "ABCDEFGHIJKLMNOP")).listenToLogs();
    try {
      LoggerFactory.getLogger("dev.prometheuspipeline.leaky").info("connecting with {}", SECRET);
      LoggerFactory.getLogger("careless").warn("failed", new IllegalStateException("password " + SECRET));
    } finally {
      scan.stopListening();
    }
    JdbcDataSource database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:secret-scan;DB_CLOSE_DELAY=-1");
    try (Connection connection = database.getConnection()) {
      connection.createStatement().execute("CREATE TABLE leak (note VARCHAR(200), report BLOB, amount INT)");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO leak VALUES (?, ?, 1)")) {
        insert.setString(1, "{\"pem\":\"ABCDEFGH\\nIJKLMNOP\"}");
        insert.setBytes(2, gzip("report mentioning " + SECRET));
        insert.execute();
      }
    }

    long values = scan.scanDatabase(database);

    assertThat(values).isGreaterThanOrEqualTo(2);
    assertThat(scan.findings()).contains(
        "the test secret in log line of dev.prometheuspipeline.leaky",
        "the test secret in log line of careless (exception java.lang.IllegalStateException)",
        "the key in table LEAK column NOTE",
        "the test secret in table LEAK column REPORT");
    assertThat(scan.findings()).noneMatch(finding -> finding.contains(SECRET));
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
