package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.DeployedDefinitions;
import java.nio.file.Path;
import dev.prometheuspipeline.testing.TestFile;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What validating a whole release needs besides its artifacts: the target to ask about definitions the
 * release does not ship, the topics the worker repository declares, the repository's rule configuration,
 * and the worker folders to lint.
 *
 * @param deployed what the target engine holds; {@link DeployedDefinitions#none()} when there is no target
 * @param workers the worker repository's topic declarations; {@link WorkerDeclarations#none()} when it
 *     declares none
 * @param ruleConfig repository path → content of {@code .prometheus/rules.json} and/or {@code .bpmnlintrc}
 * @param workerDirectories worker artifact path → the folder it is checked out in
 * @param oneDeployment true when every file deploys in one deployment whatever its folder (a folder inside a
 *     product, as the validate command may be given); false when each first folder is a product deployment
 * @param smokeFiles the release's smoke files, checked here and run only on targets; empty when it has none
 */
public record ReleaseContext(DeployedDefinitions deployed, WorkerDeclarations workers,
    Map<String, byte[]> ruleConfig, Map<String, Path> workerDirectories, boolean oneDeployment,
    List<TestFile> smokeFiles) {
  /** No target, no worker declarations: references not shipped are "could not check", topics unchecked. */
  public static final ReleaseContext NONE = new ReleaseContext(DeployedDefinitions.none(), WorkerDeclarations.none());

  public ReleaseContext {
    requireNonNull(deployed, "deployed");
    requireNonNull(workers, "workers");
    ruleConfig = Map.copyOf(requireNonNull(ruleConfig, "ruleConfig"));
    workerDirectories = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(workerDirectories, "workerDirectories")));
    smokeFiles = List.copyOf(smokeFiles);
  }

  public ReleaseContext(DeployedDefinitions deployed, WorkerDeclarations workers, Map<String, byte[]> ruleConfig,
      Map<String, Path> workerDirectories, boolean oneDeployment) {
    this(deployed, workers, ruleConfig, workerDirectories, oneDeployment, List.of());
  }

  /** This context, with the release's smoke files to check. */
  public ReleaseContext withSmokeFiles(List<TestFile> files) {
    return new ReleaseContext(deployed, workers, ruleConfig, workerDirectories, oneDeployment, files);
  }

  /** Each first folder a product deployment, as a release deploys. */
  public ReleaseContext(DeployedDefinitions deployed, WorkerDeclarations workers, Map<String, byte[]> ruleConfig,
      Map<String, Path> workerDirectories) {
    this(deployed, workers, ruleConfig, workerDirectories, false);
  }

  /** This context, with every file judged as part of one deployment. */
  public ReleaseContext asOneDeployment() {
    return new ReleaseContext(deployed, workers, ruleConfig, workerDirectories, true, smokeFiles);
  }

  /** Defaults for the rules, and no worker folders to lint. */
  public ReleaseContext(DeployedDefinitions deployed, WorkerDeclarations workers) {
    this(deployed, workers, Map.of(), Map.of());
  }
}
