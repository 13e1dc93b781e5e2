package dev.prometheuspipeline.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One in-memory engine and its database; lent out through {@link SandboxEngine} handles. */
final class EngineInstance {
  private static final Logger log = LoggerFactory.getLogger(EngineInstance.class);

  private final String name;
  private final String jdbcUrl;
  private final ProcessEngine engine;
  private final List<ParseWarnings> parseWarnings;
  private final Map<String, Long> freshTableCounts;

  private EngineInstance(String name, String jdbcUrl, ProcessEngine engine, List<ParseWarnings> parseWarnings) {
    this.name = name;
    this.jdbcUrl = jdbcUrl;
    this.engine = engine;
    this.parseWarnings = parseWarnings;
    this.freshTableCounts = engine.getManagementService().getTableCount();
  }

  static EngineInstance build() {
    String name = "sandbox-" + UUID.randomUUID();
    // DB_CLOSE_DELAY=-1: the database must outlive a moment with no pooled connection; shutDown() ends it.
    String jdbcUrl = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    List<ParseWarnings> warnings = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    try {
      ProcessEngine engine = configuration(name, jdbcUrl, warnings).buildProcessEngine();
      // The engine registers itself on construction; take it out at once (see SandboxEngine).
      ProcessEngines.unregister(engine);
      EngineInstance instance = new EngineInstance(name, jdbcUrl, engine, warnings);
      log.debug("sandbox={} event=started durationMs={}", name, (System.nanoTime() - started) / 1_000_000);
      return instance;
    } catch (RuntimeException e) {
      shutDownDatabase(jdbcUrl);
      throw new SandboxException("could not start the sandbox engine " + name + ": " + e.getMessage(), e);
    }
  }

  private static ProcessEngineConfiguration configuration(
      String name, String jdbcUrl, List<ParseWarnings> warnings) {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configure(configuration, name);
    configuration.setJdbcUrl(jdbcUrl);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setBpmnParseFactory(parser -> new WarningRecordingBpmnParse(parser, warnings));
    return configuration;
  }

  /**
   * What the sandbox's engine is, database aside; {@link ParseOnlyEngine} parses with the same, so both
   * judge a model alike.
   */
  static void configure(ProcessEngineConfigurationImpl configuration, String name) {
    configuration.setProcessEngineName(name);
    configuration.setJobExecutorActivate(false);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setMetricsEnabled(false);
    configuration.setDbMetricsReporterActivate(false);
    configuration.setTaskMetricsEnabled(false);
    configuration.setHistoryCleanupEnabled(false);
    // Without a fixed host name the engine looks up the local address for its metrics reporter id.
    configuration.setHostname(name);
    // Refused deployments are expected here and reach the caller as values; no ERROR log per bad model.
    configuration.setEnableCmdExceptionLogging(false);
  }

  String name() {
    return name;
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  ProcessEngine engine() {
    return engine;
  }

  List<ParseWarnings> takeParseWarnings() {
    synchronized (parseWarnings) {
      List<ParseWarnings> taken = List.copyOf(parseWarnings);
      parseWarnings.clear();
      return taken;
    }
  }

  /**
   * Puts the engine back as it was when built: every deployment removed with all it created, and then
   * proof, every engine table holding exactly as many rows as it did fresh. False when that cannot be
   * shown, and the engine must not be lent again.
   */
  boolean resetToFresh() {
    try {
      for (Deployment deployment : engine.getRepositoryService().createDeploymentQuery().list()) {
        engine.getRepositoryService().deleteDeployment(deployment.getId(), true, true, true);
      }
      takeParseWarnings();
      Map<String, Long> counts = engine.getManagementService().getTableCount();
      if (!counts.equals(freshTableCounts)) {
        log.debug("sandbox={} event=not-reusable reason=tables-differ", name);
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      log.debug("sandbox={} event=not-reusable reason={}", name, e.toString());
      return false;
    }
  }

  /** Closes the engine, drops its schema and frees the in-memory database. */
  void shutDown() {
    try {
      engine.close();
    } finally {
      shutDownDatabase(jdbcUrl);
      log.debug("sandbox={} event=closed", name);
    }
  }

  private static void shutDownDatabase(String jdbcUrl) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      log.warn("event=sandbox-database-not-shut-down url={} reason={}", jdbcUrl, e.getMessage());
    }
  }

  /** The BPMN parse, keeping the warnings the engine only logs when a model deploys without errors. */
  private static final class WarningRecordingBpmnParse extends BpmnParse {
    private final List<ParseWarnings> sink;

    WarningRecordingBpmnParse(BpmnParser parser, List<ParseWarnings> sink) {
      super(parser);
      this.sink = sink;
    }

    @Override
    public void logWarnings() {
      super.logWarnings();
      sink.add(new ParseWarnings(Optional.ofNullable(name).orElse(""), warnings));
    }
  }
}
