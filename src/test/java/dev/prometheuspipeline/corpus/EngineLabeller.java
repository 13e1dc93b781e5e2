package dev.prometheuspipeline.corpus;

import dev.prometheuspipeline.release.ArtifactType;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;

/**
 * The judge: a plain {@link StandaloneInMemProcessEngineConfiguration} with Camunda's defaults (7.24
 * enforces historyTimeToLive, job executor off), deliberately not the project's sandbox engine, so the
 * labels do not share code with the validator they judge. Each model is deployed alone and its deployment
 * removed again. What the engine deploys but only evaluates at run time is then handed to the engine's
 * own code too: each decision is evaluated once (FEEL that does not parse fails only then), and a
 * process's JUEL expressions and timer values go through {@link RunTimeChecks}.
 */
final class EngineLabeller implements AutoCloseable {
  private final ProcessEngine engine;
  /** How FEEL-Scala says an expression does not parse, when the decision is evaluated. */
  private static final String UNPARSABLE = "failed to parse expression";

  private final RepositoryService repository;
  private final DecisionService decisions;
  private final RunTimeChecks runTime;

  EngineLabeller() {
    String name = "public-corpus-judge-" + UUID.randomUUID();
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    // Only what keeps it apart from other engines in this JVM; every engine setting stays Camunda's default.
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl("jdbc:h2:mem:" + name);
    this.engine = configuration.buildProcessEngine();
    this.repository = engine.getRepositoryService();
    this.decisions = engine.getDecisionService();
    this.runTime = new RunTimeChecks(configuration.getExpressionManager());
  }

  EngineLabel label(PublicModel model) {
    Deployment deployment;
    try {
      deployment =
          repository.createDeployment()
              .name(model.resourceName())
              .addInputStream(model.resourceName(), new ByteArrayInputStream(model.content()))
              .deploy();
    } catch (ParseException e) {
      List<String> reasons = new ArrayList<>();
      for (ResourceReport report : e.getResorceReports()) {
        report.getErrors().stream().map(Problem::getMessage).forEach(reasons::add);
      }
      return EngineLabel.refuse(reasons.isEmpty() ? List.of(String.valueOf(e.getMessage())) : reasons);
    } catch (RuntimeException | StackOverflowError e) {
      return EngineLabel.refuse(chain(e));
    }
    try {
      if (model.type() == ArtifactType.BPMN) {
        if (repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).count() == 0) {
          // A fragment without <definitions> (bpmn-moddle's fixtures): accepted, nothing deployed, nothing runs.
          return EngineLabel.accept();
        }
        List<String> problems = runTime.problems(model.content());
        return problems.isEmpty() ? EngineLabel.accept() : EngineLabel.breaksAtRunTime(problems);
      }
      return brokenDecisions(deployment);
    } finally {
      repository.deleteDeployment(deployment.getId(), true, true, true);
    }
  }

  /**
   * A decision is evaluated once, with no variables: unparsable FEEL fails then, whatever the inputs,
   * while a missing variable does not count against the model (the caller would supply it).
   */
  private EngineLabel brokenDecisions(Deployment deployment) {
    List<String> reasons = new ArrayList<>();
    for (DecisionDefinition decision :
        repository.createDecisionDefinitionQuery().deploymentId(deployment.getId()).list()) {
      try {
        decisions.evaluateDecisionById(decision.getId()).evaluate();
      } catch (RuntimeException e) {
        String root = String.valueOf(chain(e).get(0));
        int parse = root.indexOf(UNPARSABLE);
        if (parse >= 0) {
          reasons.add(root.substring(parse));
        }
      }
    }
    return reasons.isEmpty() ? EngineLabel.accept() : EngineLabel.breaksAtRunTime(reasons);
  }

  @Override
  public void close() {
    ProcessEngines.unregister(engine);
    engine.close();
  }

  /** The root cause's message (what the engine found), then the outer one (what it was doing). */
  private static List<String> chain(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
      root = root.getCause();
    }
    List<String> reasons = new ArrayList<>();
    reasons.add(String.valueOf(root.getMessage()));
    if (root != failure) {
      reasons.add(String.valueOf(failure.getMessage()));
    }
    return reasons;
  }
}
