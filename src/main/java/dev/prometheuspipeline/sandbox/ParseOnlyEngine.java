package dev.prometheuspipeline.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.engine.impl.ProcessEngineLogger;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.bpmn.parser.EventSubscriptionDeclaration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionRequirementsDefinitionEntity;
import org.camunda.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.scripting.engine.CamundaScriptEngineManager;
import org.camunda.bpm.engine.impl.scripting.engine.DefaultScriptEngineResolver;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's BPMN parse and DMN transform as a deployment runs them, without a database: the
 * {@link InMemoryEngineConfiguration} the {@link SandboxEngine} is built with (same parse listeners, expression manager, schema validation, history time to live enforcement, history
 * level) initialised with no data source, no MyBatis mappings and no job executor, and the parse run inside
 * one of its commands, as {@code BpmnDeployer} does. Building it costs a fraction of a sandbox engine (no
 * schema, no SQL mapping parse), and a parse no deploy and undeploy.
 *
 * <p>A deployment does more after a clean parse: it persists definitions, job definitions, timer jobs and
 * start event subscriptions, and those steps can refuse a model the parse accepted (two definitions with
 * one key, a timer start event whose date cannot be computed, two message start events of one name, a
 * value longer than its table column). For a model that has any of them, {@link #parseBpmn} answers
 * "deploy it" (empty) instead of guessing, so what it does answer is what the deployment would have said.
 *
 * <p>Thread-safe: each parse has its own state; the configuration is only read.
 */
public final class ParseOnlyEngine {
  /** The columns a deployment stores names, keys and ids in ({@code NAME_}, {@code KEY_}, {@code ACT_ID_} …). */
  static final int NAME_COLUMN = 255;
  /** The column of a version tag ({@code VERSION_TAG_}). */
  static final int TAG_COLUMN = 64;

  private static final Logger log = LoggerFactory.getLogger(ParseOnlyEngine.class);
  private static final Object LOCK = new Object();
  private static ParseOnlyEngine shared;

  private final WithoutDatabase configuration;
  private final BpmnParser parser;
  private final BpmnParser compiledSchemaParser;

  private ParseOnlyEngine(WithoutDatabase configuration) {
    this.configuration = configuration;
    this.parser = configuration.getDeployers().stream()
        .filter(BpmnDeployer.class::isInstance)
        .map(deployer -> ((BpmnDeployer) deployer).getBpmnParser())
        .findFirst()
        .orElseThrow(() -> new SandboxException("the engine configuration has no BPMN deployer", null));
    this.compiledSchemaParser = new CompiledSchemaBpmnParser(configuration, parser);
  }

  /**
   * The one parse-only engine of this JVM, built on first use (a few hundred milliseconds, all class loading).
   *
   * @throws SandboxException when the engine's configuration cannot be initialised (a broken classpath)
   */
  public static ParseOnlyEngine shared() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = build();
      }
      return shared;
    }
  }

  private static ParseOnlyEngine build() {
    long started = System.nanoTime();
    try {
      WithoutDatabase configuration = new WithoutDatabase();
      InMemoryEngineConfiguration.configure(configuration, "parse-only-" + UUID.randomUUID());
      configuration.initialise();
      ParseOnlyEngine engine = new ParseOnlyEngine(configuration);
      log.debug("event=parse-only-engine-started durationMs={}", (System.nanoTime() - started) / 1_000_000);
      return engine;
    } catch (RuntimeException e) {
      throw new SandboxException("could not initialise the parse-only engine: " + e.getMessage(), e);
    }
  }

  /** The configuration parses run with, its DMN engine built; for the test that holds it to the sandbox's. */
  ProcessEngineConfigurationImpl configuration() {
    configuration.dmn();
    return configuration;
  }

  /**
   * Parses one BPMN resource as a deployment of it alone would. Never throws for a bad model.
   *
   * @param deploymentName the name the deployment would have had
   * @param resourceName the resource's name, as it would be deployed
   * @return what the deployment would have given: the parse's warnings, or the engine's refusal; empty when
   *     the model passes the parse but a later step of a deployment could still refuse it, so only a
   *     {@link SandboxEngine} deployment can tell
   */
  public Optional<ParseAttempt> parseBpmn(String deploymentName, String resourceName, byte[] bytes) {
    requireNonNull(deploymentName, "deploymentName");
    requireNonNull(resourceName, "resourceName");
    requireNonNull(bytes, "bytes");
    DeploymentEntity deployment = new DeploymentEntity();
    // As DeployCmd prepares it: new (so time to live is enforced and processes are executable), an id.
    deployment.setId(UUID.randomUUID().toString());
    deployment.setNew(true);
    deployment.setName(deploymentName);
    ResourceEntity resource = new ResourceEntity();
    resource.setName(resourceName);
    resource.setBytes(bytes);
    deployment.addResource(resource);
    RecordingParse parse = new RecordingParse(CompiledSchemas.serve(bytes) ? compiledSchemaParser : parser);
    // A command context as a deployment has one, never closed: closing flushes sessions to a database there
    // is none of, and the parse opens none.
    Context.setProcessEngineConfiguration(configuration);
    Context.setCommandContext(configuration.getCommandContextFactory().createCommandContext());
    try {
      parse.sourceInputStream(new ByteArrayInputStream(bytes)).deployment(deployment).name(resourceName).execute();
    } catch (RuntimeException e) {
      return Optional.of(ParseAttempt.refused(e, parse.recorded()));
    } catch (StackOverflowError e) {
      // As SandboxEngine.deploy: a model nested deeper than the recursive parse can follow.
      return Optional.of(ParseAttempt.refused(
          new SandboxException("the model is nested too deeply for the engine to parse it", e), parse.recorded()));
    } finally {
      Context.removeCommandContext();
      Context.removeProcessEngineConfiguration();
    }
    if (tooLong(deploymentName) || tooLong(resourceName) || laterStepsCouldRefuse(parse)) {
      return Optional.empty();
    }
    return Optional.of(ParseAttempt.parsed(parse.recorded()));
  }

  /**
   * Runs the engine's DMN transform on one resource as a deployment of it alone ({@code deploymentName}) would (the engine's DMN engine
   * configuration: its FEEL and expression languages, history time to live enforcement). Never throws for a
   * bad model.
   *
   * @return the engine's refusal, or success; empty when the transform accepts the model but storing it could
   *     still fail (two decisions with one key, a value longer than its column), so only a deployment can tell
   */
  public Optional<ParseAttempt> transformDmn(String deploymentName, String resourceName, byte[] bytes) {
    requireNonNull(deploymentName, "deploymentName");
    requireNonNull(resourceName, "resourceName");
    requireNonNull(bytes, "bytes");
    DecisionRequirementsDefinitionEntity graph;
    Context.setProcessEngineConfiguration(configuration);
    Context.setCommandContext(configuration.getCommandContextFactory().createCommandContext());
    try {
      try {
        graph = (DecisionRequirementsDefinitionEntity) configuration.dmn().getTransformer()
            .createTransform()
            .modelInstance(new ByteArrayInputStream(bytes))
            .transformDecisionRequirementsGraph();
      } catch (Exception e) {
        // As DecisionRequirementsDefinitionDeployer wraps it.
        throw ProcessEngineLogger.DECISION_LOGGER.exceptionParseDmnResource(resourceName, e);
      }
    } catch (RuntimeException e) {
      return Optional.of(ParseAttempt.refused(e, List.of()));
    } catch (StackOverflowError e) {
      return Optional.of(ParseAttempt.refused(
          new SandboxException("the model is nested too deeply for the engine to parse it", e), List.of()));
    } finally {
      Context.removeCommandContext();
      Context.removeProcessEngineConfiguration();
    }
    Set<String> keys = new HashSet<>();
    for (DmnDecision decision : graph.getDecisions()) {
      if (!keys.add(decision.getKey()) || tooLong(decision.getKey()) || tooLong(decision.getName())
          || (decision instanceof DecisionDefinitionEntity entity
              && (tooLongTag(entity.getVersionTag()) || tooLong(entity.getCategory())))) {
        return Optional.empty();
      }
    }
    if (tooLong(graph.getKey()) || tooLong(graph.getName()) || tooLong(deploymentName) || tooLong(resourceName)) {
      return Optional.empty();
    }
    return Optional.of(ParseAttempt.parsed(List.of()));
  }

  /** What {@code BpmnDeployer} does after the parse that could fail; see the class comment. */
  private static boolean laterStepsCouldRefuse(BpmnParse parse) {
    List<ProcessDefinitionEntity> definitions = parse.getProcessDefinitions();
    if (definitions.size() > 1) {
      return true;
    }
    for (ProcessDefinitionEntity definition : definitions) {
      Object timers = definition.getProperty(BpmnParse.PROPERTYNAME_START_TIMER);
      if (timers instanceof List<?> list && !list.isEmpty()) {
        return true;
      }
      Map<String, EventSubscriptionDeclaration> subscriptions =
          definition.getProperties().get(BpmnProperties.EVENT_SUBSCRIPTION_DECLARATIONS);
      long messageStarts = subscriptions.values().stream()
          .filter(EventSubscriptionDeclaration::isStartEvent)
          .filter(declaration -> EventType.MESSAGE.name().equals(declaration.getEventType()))
          .count();
      boolean computedName = subscriptions.values().stream()
          .anyMatch(declaration -> declaration.isStartEvent() && declaration.hasEventName()
              && (!declaration.isEventNameLiteralText() || tooLong(declaration.getUnresolvedEventName())));
      if (messageStarts > 1 || computedName) {
        return true;
      }
      // The candidate starters become identity links, stored as written.
      boolean longValue = Stream.of(definition.getKey(), definition.getName(), definition.getCategory())
          .anyMatch(ParseOnlyEngine::tooLong)
          || Stream.concat(definition.getCandidateStarterUserIdExpressions().stream(),
                  definition.getCandidateStarterGroupIdExpressions().stream())
              .anyMatch(expression -> tooLong(expression.getExpressionText()));
      if (longValue || tooLongTag(definition.getVersionTag())) {
        return true;
      }
    }
    for (List<JobDeclaration<?, ?>> declarations : parse.getJobDeclarations().values()) {
      for (JobDeclaration<?, ?> declaration : declarations) {
        if (tooLong(declaration.getActivityId()) || tooLong(declaration.getJobConfiguration())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean tooLong(String value) {
    return value != null && value.length() > NAME_COLUMN;
  }

  private static boolean tooLongTag(String value) {
    return value != null && value.length() > TAG_COLUMN;
  }

  /**
   * The sandbox's configuration with everything that needs a database left out, and the DMN engine (the FEEL
   * engine, a few hundred classes) built only when a DMN file comes.
   */
  private static final class WithoutDatabase extends StandaloneInMemProcessEngineConfiguration {
    private boolean initialised;

    void initialise() {
      // Off while initialising only: it would build the DMN engine for the DMN deployers, which are not used.
      dmnEnabled = false;
      init();
      dmnEnabled = true;
      initialised = true;
    }

    /** The DMN engine, built on first call exactly as {@code init()} builds it, from the same parts. */
    synchronized DefaultDmnEngineConfiguration dmn() {
      if (dmnEngine == null) {
        super.initDmnEngine();
      }
      return dmnEngineConfiguration;
    }

    @Override
    protected void initDmnEngine() {
      if (initialised) {
        super.initDmnEngine();
      }
    }

    @Override
    protected void initDataSource() {
      // No connection is ever opened; the type only picks SQL dialects nobody runs.
      databaseType = "h2";
    }

    @Override
    protected void initSqlSessionFactory() {
      // The MyBatis mappings are most of an engine's start-up and only serve the database.
    }

    @Override
    protected void initJobExecutor() {
      // Nothing is ever executed.
    }

    @Override
    protected void initScripting() {
      if (scriptEngineResolver == null) {
        scriptEngineResolver = new ScriptEnginesOnFirstUse();
      }
      super.initScripting();
    }
  }

  /**
   * The engine's own resolver, built when a script engine is first asked for. A parse asks for none (scripts are
   * only compiled when they run), and building it looks for script engines in every jar on the class path, opening
   * each: tens of milliseconds of a cold {@code validate}.
   */
  private static final class ScriptEnginesOnFirstUse implements ScriptEngineResolver {
    private ScriptEngineResolver resolver;

    private synchronized ScriptEngineResolver resolver() {
      if (resolver == null) {
        resolver = new DefaultScriptEngineResolver(new CamundaScriptEngineManager());
      }
      return resolver;
    }

    @Override
    public void addScriptEngineFactory(ScriptEngineFactory factory) {
      resolver().addScriptEngineFactory(factory);
    }

    @Override
    public ScriptEngineManager getScriptEngineManager() {
      return resolver().getScriptEngineManager();
    }

    @Override
    public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
      return resolver().getScriptEngine(language, resolveFromCache);
    }
  }

  /** The parse, keeping its warnings, which the engine only logs when there are no errors. */
  private static final class RecordingParse extends BpmnParse {
    RecordingParse(BpmnParser parser) {
      super(parser);
    }

    List<ParseWarnings> recorded() {
      return warnings.isEmpty() ? List.of() : List.of(new ParseWarnings(Optional.ofNullable(name).orElse(""), new ArrayList<>(warnings)));
    }
  }
}
