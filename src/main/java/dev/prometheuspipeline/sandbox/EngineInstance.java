package dev.prometheuspipeline.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One in-memory engine and its database; lent out through {@link SandboxEngine} handles. */
final class EngineInstance {
  private static final Logger log = LoggerFactory.getLogger(EngineInstance.class);

  private final String name;
  private final ProcessEngine engine;
  private final List<ParseWarnings> parseWarnings;
  private final Map<String, Long> freshTableCounts;

  private EngineInstance(String name, ProcessEngine engine, List<ParseWarnings> parseWarnings) {
    this.name = name;
    this.engine = engine;
    this.parseWarnings = parseWarnings;
    this.freshTableCounts = engine.getManagementService().getTableCount();
  }

  static EngineInstance build() {
    String name = "sandbox-" + UUID.randomUUID();
    List<ParseWarnings> warnings = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    try {
      ProcessEngine engine = InMemoryEngineConfiguration.build(name, InMemoryEngineConfiguration.Options.none()
          .withBpmnParseFactory(parser -> new WarningRecordingBpmnParse(parser, warnings)));
      EngineInstance instance = new EngineInstance(name, engine, warnings);
      log.debug("sandbox={} event=started durationMs={}", name, (System.nanoTime() - started) / 1_000_000);
      return instance;
    } catch (RuntimeException e) {
      InMemoryEngineConfiguration.shutDownDatabase(name);
      throw new SandboxException("could not start the sandbox engine " + name + ": " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  String jdbcUrl() {
    return InMemoryEngineConfiguration.jdbcUrl(name);
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
      InMemoryEngineConfiguration.shutDownDatabase(name).ifPresent(reason -> log.warn(
          "event=sandbox-database-not-shut-down url={} reason={}", InMemoryEngineConfiguration.jdbcUrl(name), reason));
      log.debug("sandbox={} event=closed", name);
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
