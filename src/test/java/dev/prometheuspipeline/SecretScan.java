package dev.prometheuspipeline;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Looks for the application's secrets where they must never be: every log line written while it listens,
 * every text and binary column of the database (process variables and their history, the run store's
 * reports, the backlog), and the answers a test collected. A finding names the secret by its label only.
 */
final class SecretScan {
  /** Each label with its value; values shorter than 8 characters would match by chance and are refused. */
  private final Map<String, String> secrets;
  private final List<String> findings = Collections.synchronizedList(new ArrayList<>());
  private final LogListener listener = new LogListener();

  SecretScan(Map<String, String> secrets) {
    secrets.forEach((label, value) -> {
      if (value == null || value.length() < 8) {
        throw new IllegalArgumentException("secret " + label + " is too short to look for");
      }
    });
    this.secrets = Map.copyOf(secrets);
  }

  /** From now on, every log event of this JVM is checked as it is written (nothing is kept). */
  SecretScan listenToLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    listener.setContext(context);
    listener.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(listener);
    return this;
  }

  void stopListening() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(listener);
    listener.stop();
  }

  /** How many log events were checked: a scan that saw nothing proves nothing. */
  long logEventsSeen() {
    return listener.seen;
  }

  void check(String where, String text) {
    if (text == null) {
      return;
    }
    // A PEM key leaks with its line breaks, raw or escaped in JSON.
    String joined = text.replace("\\n", "").replace("\n", "").replace("\r", "");
    secrets.forEach((label, value) -> {
      if (text.contains(value) || joined.contains(value)) {
        findings.add(label + " in " + where);
      }
    });
  }

  /**
   * Every character, CLOB, binary and BLOB column of every table the connection sees, gzip-compressed values
   * unpacked. Returns the number of values read.
   */
  long scanDatabase(DataSource dataSource) throws SQLException, IOException {
    long values = 0;
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String[]> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA") || schema.startsWith("pg_"))) {
            continue;
          }
          tables.add(new String[] {schema, rs.getString("TABLE_NAME")});
        }
      }
      for (String[] table : tables) {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, table[0], table[1], "%")) {
          while (rs.next()) {
            if (TEXT_OR_BYTES.contains(rs.getInt("DATA_TYPE"))) {
              columns.add(rs.getString("COLUMN_NAME"));
            }
          }
        }
        if (columns.isEmpty()) {
          continue;
        }
        String name = (table[0] == null ? "" : "\"" + table[0] + "\".") + "\"" + table[1] + "\"";
        String select = "SELECT " + String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList())
            + " FROM " + name;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(select)) {
          while (rows.next()) {
            for (int i = 1; i <= columns.size(); i++) {
              Object value = rows.getObject(i);
              String text = value instanceof byte[] bytes ? text(bytes)
                  : value instanceof java.sql.Blob blob ? text(blob.getBytes(1, (int) blob.length()))
                  : value instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length())
                  : value == null ? null : value.toString();
              if (text != null) {
                values++;
                check("table " + table[1] + " column " + columns.get(i - 1), text);
              }
            }
          }
        }
      }
    }
    return values;
  }

  List<String> findings() {
    synchronized (findings) {
      return List.copyOf(findings);
    }
  }

  private static final Set<Integer> TEXT_OR_BYTES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR,
      Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB, Types.BINARY, Types.VARBINARY,
      Types.LONGVARBINARY, Types.BLOB, Types.OTHER);

  /** The bytes as text, unpacked first when they are gzip (the run store may compress large reports). */
  private static String text(byte[] bytes) throws IOException {
    if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private final class LogListener extends AppenderBase<ILoggingEvent> {
    private volatile long seen;

    @Override
    protected void append(ILoggingEvent event) {
      seen++;
      String where = "log line of " + event.getLoggerName();
      check(where, event.getFormattedMessage());
      event.getMDCPropertyMap().values().forEach(value -> check(where + " (MDC)", value));
      for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
        check(where + " (exception " + cause.getClassName() + ")", cause.getMessage());
      }
    }
  }
}
