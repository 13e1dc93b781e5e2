package dev.prometheuspipeline.sandbox;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.BpmnParseFactory;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/**
 * The one configuration of the application's throwaway Camunda 7 engines: the sandbox's deploy check, the
 * parse-only engine, and the test lanes' scenario engines. Each in memory (its own H2 database), job executor
 * off, full history, no metrics, never registered in {@link ProcessEngines}, no mail, connect or HTTP plugins
 * (none is configured, so nothing reaches out); so all judge a model alike. What one engine needs beyond that
 * is an {@link Options} value, named; {@link #judgingSettings} lists what no option may change.
 */
public final class InMemoryEngineConfiguration {
  private InMemoryEngineConfiguration() {}

  /**
   * What an engine adds to the shared configuration for its own work; none changes how a model parses or
   * runs, except {@code javaSerializedVariables}, which lets a run store values the others never need to.
   *
   * @param javaSerializedVariables whether Map and List variables may be stored Java-serialized (test data
   *     given as JSON objects and lists); off, the engine refuses them, as the application's engine does
   * @param postParseListeners BPMN parse listeners run after the engine's own, e.g. to observe a run
   * @param beans beans expressions may name, e.g. stubs
   * @param bpmnParseFactory the BPMN parse to use instead of the engine's, e.g. to keep its warnings
   */
  public record Options(boolean javaSerializedVariables, List<BpmnParseListener> postParseListeners,
      Map<String, Object> beans, Optional<BpmnParseFactory> bpmnParseFactory) {
    public Options {
      postParseListeners = List.copyOf(postParseListeners);
      beans = Map.copyOf(beans);
      requireNonNull(bpmnParseFactory, "bpmnParseFactory");
    }

    /** The shared configuration alone. */
    public static Options none() {
      return new Options(false, List.of(), Map.of(), Optional.empty());
    }

    public Options withJavaSerializedVariables() {
      return new Options(true, postParseListeners, beans, bpmnParseFactory);
    }

    public Options withPostParseListener(BpmnParseListener listener) {
      List<BpmnParseListener> listeners = new ArrayList<>(postParseListeners);
      listeners.add(listener);
      return new Options(javaSerializedVariables, listeners, beans, bpmnParseFactory);
    }

    public Options withBean(String name, Object bean) {
      Map<String, Object> named = new HashMap<>(beans);
      named.put(name, bean);
      return new Options(javaSerializedVariables, postParseListeners, named, bpmnParseFactory);
    }

    public Options withBpmnParseFactory(BpmnParseFactory factory) {
      return new Options(javaSerializedVariables, postParseListeners, beans, Optional.of(factory));
    }
  }

  /** The in-memory database of the engine named {@code name}. */
  public static String jdbcUrl(String name) {
    // DB_CLOSE_DELAY=-1: the database must outlive a moment with no pooled connection; shutDownDatabase ends it.
    return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
  }

  /** The configuration of an engine named {@code name}, on its own in-memory database, with the options. */
  public static ProcessEngineConfigurationImpl of(String name, Options options) {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configure(configuration, name);
    configuration.setJdbcUrl(jdbcUrl(name));
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    if (options.javaSerializedVariables()) {
      configuration.setJavaSerializationFormatEnabled(true);
    }
    if (!options.postParseListeners().isEmpty()) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>(options.postParseListeners()));
    }
    if (!options.beans().isEmpty()) {
      configuration.setBeans(new HashMap<Object, Object>(options.beans()));
    }
    options.bpmnParseFactory().ifPresent(configuration::setBpmnParseFactory);
    return configuration;
  }

  /**
   * Builds the engine and takes it out of {@link ProcessEngines} at once: that map is where the application's
   * engine lives, and code looking an engine up there must never find this one. (Camunda registers every
   * engine it builds; the unique name cannot displace another.)
   *
   * @throws RuntimeException as the engine's build throws it, after its database is freed
   */
  public static ProcessEngine build(String name, Options options) {
    try {
      ProcessEngine engine = of(name, options).buildProcessEngine();
      ProcessEngines.unregister(engine);
      return engine;
    } catch (RuntimeException e) {
      shutDownDatabase(name);
      throw e;
    }
  }

  /**
   * Frees the in-memory database of the engine named {@code name} (closing the engine drops its schema, not
   * the database).
   *
   * @return why it could not be shut down; empty when it was
   */
  public static Optional<String> shutDownDatabase(String name) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(name), "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Runs {@code deployment} on {@code engine} with the engine's history time to live enforcement off, then
   * turns it back on. For test lanes only: a model without {@code historyTimeToLive} still behaves as it
   * would on the target, and only the target's deployment refuses it (the validate stage reports that, and
   * the gate refuses the release for it). The engine parses a deployment on the calling thread and reads the
   * setting at parse time, so nothing else deployed on this engine, before or after, is judged without it.
   * The caller must be the engine's only deployer while this runs.
   */
  public static <T> T withoutHistoryTimeToLiveEnforced(ProcessEngine engine, Supplier<T> deployment) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    boolean enforced = configuration.isEnforceHistoryTimeToLive();
    configuration.setEnforceHistoryTimeToLive(false);
    try {
      return deployment.get();
    } finally {
      configuration.setEnforceHistoryTimeToLive(enforced);
    }
  }

  /** The shared configuration, database aside; {@link ParseOnlyEngine} uses it with no database at all. */
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
    // Refused deployments and failing steps are expected here and reach the caller as values; no ERROR log.
    configuration.setEnableCmdExceptionLogging(false);
  }

  /**
   * The settings of an initialised engine configuration that decide how a model parses and runs: history,
   * serialization, expressions (JUEL), scripts, DMN and FEEL, forms, time to live. Engines built from this class
   * have the same, whatever their options; a test holds them to it.
   */
  public static Map<String, Object> judgingSettings(ProcessEngineConfigurationImpl configuration) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("history", configuration.getHistory());
    settings.put("historyLevel", configuration.getHistoryLevel() == null ? null : configuration.getHistoryLevel().getName());
    settings.put("enforceHistoryTimeToLive", configuration.isEnforceHistoryTimeToLive());
    settings.put("historyTimeToLive", configuration.getHistoryTimeToLive());
    settings.put("defaultSerializationFormat", configuration.getDefaultSerializationFormat());
    settings.put("expressionManager", className(configuration.getExpressionManager()));
    settings.put("enableExpressionsInAdhocQueries", configuration.isEnableExpressionsInAdhocQueries());
    settings.put("scriptFactory", className(configuration.getScriptFactory()));
    settings.put("scriptEngineNameJavaScript", configuration.getScriptEngineNameJavaScript());
    settings.put("autoStoreScriptVariables", configuration.isAutoStoreScriptVariables());
    settings.put("enableScriptCompilation", configuration.isEnableScriptCompilation());
    settings.put("enableScriptEngineCaching", configuration.isEnableScriptEngineCaching());
    settings.put("enableScriptEngineLoadExternalResources", configuration.isEnableScriptEngineLoadExternalResources());
    settings.put("enableScriptEngineNashornCompatibility", configuration.isEnableScriptEngineNashornCompatibility());
    settings.put("configureScriptEngineHostAccess", configuration.isConfigureScriptEngineHostAccess());
    settings.put("dmnEnabled", configuration.isDmnEnabled());
    settings.put("dmnFeelEnableLegacyBehavior", configuration.isDmnFeelEnableLegacyBehavior());
    settings.put("dmnReturnBlankTableOutputAsNull", configuration.isDmnReturnBlankTableOutputAsNull());
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn != null) {
      settings.put("feelEngineFactory", className(dmn.getFeelEngineFactory()));
      settings.put("dmnElProvider", className(dmn.getElProvider()));
      settings.put("dmnInputExpressionLanguage", dmn.getDefaultInputExpressionExpressionLanguage());
      settings.put("dmnInputEntryLanguage", dmn.getDefaultInputEntryExpressionLanguage());
      settings.put("dmnOutputEntryLanguage", dmn.getDefaultOutputEntryExpressionLanguage());
      settings.put("dmnLiteralExpressionLanguage", dmn.getDefaultLiteralExpressionLanguage());
    }
    settings.put("cmmnEnabled", configuration.isCmmnEnabled());
    settings.put("disableStrictCamundaFormParsing", configuration.isDisableStrictCamundaFormParsing());
    settings.put("enableXxeProcessing", configuration.isEnableXxeProcessing());
    settings.put("enableExceptionsAfterUnhandledBpmnError", configuration.isEnableExceptionsAfterUnhandledBpmnError());
    settings.put("implicitVariableUpdateDetection", configuration.isImplicitVariableUpdateDetectionEnabled());
    settings.put("reevaluateTimeCycleWhenDue", configuration.isReevaluateTimeCycleWhenDue());
    settings.put("legacyJobRetryBehavior", configuration.isLegacyJobRetryBehaviorEnabled());
    settings.put("failedJobRetryTimeCycle", configuration.getFailedJobRetryTimeCycle());
    settings.put("disableExceptionCode", configuration.isDisableExceptionCode());
    settings.put("jobExecutorActivate", configuration.isJobExecutorActivate());
    return settings;
  }

  private static String className(Object value) {
    return value == null ? null : value.getClass().getName();
  }
}
