package dev.prometheuspipeline.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;

/**
 * A throwaway Camunda 7 engine for trying models out: in memory (its own H2 database), job executor off,
 * full history, no metrics, nothing that reaches the network. Deploying to it runs the engine's own
 * parsers (BPMN, DMN, forms) exactly as the target engine will, without touching the application's
 * engine.
 *
 * <p>Never registered in {@link ProcessEngines}: that map is where the application's engine lives, and
 * code looking an engine up there must not find a sandbox. (Camunda registers every engine it builds;
 * the sandbox takes itself out again at once, under a unique name that cannot displace another.)
 *
 * <p><b>Cost and reuse.</b> Building an engine takes about two seconds the first time in a JVM and half
 * a second after that, nearly all of it creating the schema; deploying a model takes milliseconds. So
 * {@link #close()} does not always destroy the engine: it removes every deployment (and all that came of
 * them), then checks that every engine table holds exactly as many rows as when the engine was new, and
 * only then keeps it (at most two idle) for the next {@link #start()}. An engine that fails that check is
 * shut down. A handle is dead once closed: its methods, and the {@link RepositoryService} it gave out,
 * throw {@link IllegalStateException}, so a caller holding on cannot reach the next caller's engine.
 * {@link #shutDownIdle()} frees the kept engines.
 *
 * <p>One handle serves one caller at a time.
 */
public final class SandboxEngine implements AutoCloseable {
  private final EngineInstance instance;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final RepositoryService repositoryService;

  private SandboxEngine(EngineInstance instance) {
    this.instance = instance;
    this.repositoryService = guarded(RepositoryService.class, instance.engine().getRepositoryService());
  }

  /**
   * An engine with nothing deployed: a kept one, reset and checked, or a new one.
   *
   * @throws SandboxException when no engine can be built (a broken classpath, not a user's model)
   */
  public static SandboxEngine start() {
    return new SandboxEngine(IdleEngines.take());
  }

  /** Shuts down the engines kept for reuse, e.g. when the application stops. */
  public static void shutDownIdle() {
    IdleEngines.shutDownAll();
  }

  /** The engine's repository, for queries on what was deployed; usable until {@link #close()}. */
  public RepositoryService repositoryService() {
    ensureOpen();
    return repositoryService;
  }

  /**
   * Deploys the resources together, as one deployment, in the given order. Never throws for a bad model:
   * whatever the engine refuses comes back as {@link DeployAttempt#failure()}.
   *
   * @param deploymentName the deployment's name (a product folder, a file)
   * @param resources resource name → bytes, exactly as the target would receive them
   */
  public DeployAttempt deploy(String deploymentName, Map<String, byte[]> resources) {
    requireNonNull(deploymentName, "deploymentName");
    requireNonNull(resources, "resources");
    ensureOpen();
    DeploymentBuilder builder = repositoryService.createDeployment().name(deploymentName);
    resources.forEach((resource, bytes) -> builder.addInputStream(resource, new ByteArrayInputStream(bytes)));
    instance.takeParseWarnings();
    try {
      DeploymentWithDefinitions deployment = builder.deployWithResult();
      return DeployAttempt.deployed(deployment.getId(), instance.takeParseWarnings());
    } catch (RuntimeException e) {
      return DeployAttempt.refused(e, instance.takeParseWarnings());
    } catch (StackOverflowError e) {
      // A model nested deeper than the engine's recursive parse can follow: the model's fault, not ours.
      return DeployAttempt.refused(
          new SandboxException("the model is nested too deeply for the engine to parse it", e),
          instance.takeParseWarnings());
    }
  }

  /**
   * {@link #deploy} with the engine's history time to live enforcement off: whether the resources deploy when
   * only that deployment attribute is set aside (see {@link InMemoryEngineConfiguration#withoutHistoryTimeToLiveEnforced}).
   */
  public DeployAttempt deployWithoutHistoryTimeToLive(String deploymentName, Map<String, byte[]> resources) {
    ensureOpen();
    return InMemoryEngineConfiguration.withoutHistoryTimeToLiveEnforced(
        instance.engine(), () -> deploy(deploymentName, resources));
  }

  /** Removes a deployment and everything created from it, so the next deployment starts clean. */
  public void undeploy(String deploymentId) {
    ensureOpen();
    repositoryService.deleteDeployment(deploymentId, true, true, true);
  }

  /** Hands the engine back (see the class comment); the handle cannot be used afterwards. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      IdleEngines.giveBack(instance);
    }
  }

  String name() {
    return instance.name();
  }

  String jdbcUrl() {
    return instance.jdbcUrl();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("sandbox engine handle is closed; start() a new one");
    }
  }

  /** A view of an engine service that refuses every call once this handle is closed. */
  private <T> T guarded(Class<T> type, T service) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(service, args);
              }
              ensureOpen();
              try {
                return method.invoke(service, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return type.cast(proxy);
  }
}
