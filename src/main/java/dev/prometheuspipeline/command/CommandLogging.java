package dev.prometheuspipeline.command;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging for a subcommand: warnings and errors only, on standard error, and none of the engine's. Without Spring, Logback's
 * default would log every DEBUG line to standard output, into the report a script is reading.
 */
final class CommandLogging {
  private CommandLogging() {}

  static void toStandardError() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger{0}: %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(console);
    // The engine logs each refused model at ERROR; on the command line those are findings already.
    context.getLogger("org.camunda").setLevel(Level.OFF);
  }

  /** A long-running command's own log (the worker agent's deploys), at INFO on top of the WARN default. */
  static void serviceLogs(String loggerName) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(loggerName).setLevel(Level.INFO);
    }
  }
}
