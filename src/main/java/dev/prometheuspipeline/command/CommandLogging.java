package dev.prometheuspipeline.command;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Logging for a subcommand: warnings and errors only, on standard error, and none of the engine's. Without Spring,
 * Logback's default would log every DEBUG line to standard output, into the report a script is reading.
 *
 * <p>A command process binds SLF4J to this provider by name ({@link #toStandardError()}), not through Logback's
 * own: Logback's start-up looks for configurators and {@code logback.xml} in every jar of the class path (two
 * hundred here, each opened for it) and then installs a default configuration that a command would only replace.
 * This one is Logback, configured in code from the start.
 */
public final class CommandLogging implements SLF4JServiceProvider {
  private final LoggerContext context = new LoggerContext();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

  /** For SLF4J, which instantiates the provider {@code slf4j.provider} names. */
  public CommandLogging() {}

  /**
   * Makes this provider SLF4J's binding for the rest of the process; call before the process's first logger
   * is asked for (later calls find SLF4J bound already and change nothing).
   */
  static void toStandardError() {
    System.setProperty("slf4j.provider", CommandLogging.class.getName());
    // SLF4J otherwise reports, on standard error, that it honoured the property.
    System.setProperty("slf4j.internal.verbosity", "WARN");
  }

  /** A long-running command's own log (the worker agent's deploys), at INFO on top of the WARN default. */
  static void serviceLogs(String loggerName) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext loggers) {
      loggers.getLogger(loggerName).setLevel(Level.INFO);
    }
  }

  @Override
  public void initialize() {
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    context.setMDCAdapter(mdc);
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
    context.start();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return context;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    // The SLF4J API this was written against, as Logback's own provider answers.
    return "2.0.99";
  }
}
