package dev.prometheuspipeline.verify;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.prometheuspipeline.deploy.EngineResource;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.deploy.TargetException;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * Whether what the target starts by key is what the release validated. Camunda 7 starts the latest
 * version of a key; a model deployed beside the pipeline (a newer version by the seed's script, a hand
 * deploy in Cockpit) makes every check of the release's own deployment pass while the engine runs
 * something nobody validated. Each process and decision key of the release is looked up by key and its
 * bytes compared with the validated ones.
 */
public final class DriftCheck {
  static final String PREFIX = "drift:";

  /** Every process and decision key of the release's models, as the engine starts it now. */
  public List<Drift> report(TargetEngineClient engine, List<FetchedArtifact> artifacts) {
    List<Drift> report = new ArrayList<>();
    for (FetchedArtifact artifact : artifacts) {
      for (String key : keys(artifact)) {
        report.add(drift(engine, artifact, key));
      }
    }
    return report;
  }

  /** One check per key: passed when the latest version by key has the validated bytes. */
  public List<Check> checks(TargetEngineClient engine, List<FetchedArtifact> artifacts) {
    List<Check> checks = new ArrayList<>();
    for (FetchedArtifact artifact : artifacts) {
      for (String key : keys(artifact)) {
        checks.add(Check.timed(() -> {
          Drift drift = drift(engine, artifact, key);
          return drift.drifted() ? Check.failed(PREFIX + key, drift.describe())
              : Check.passed(PREFIX + key, drift.describe());
        }));
      }
    }
    return checks;
  }

  private static Drift drift(TargetEngineClient engine, FetchedArtifact artifact, String key) {
    String kind = artifact.type() == ArtifactType.BPMN ? "process" : "decision";
    String base = "/" + kind + "-definition/key/{key}" + (engine.target().hasTenant() ? "/tenant-id/{tenant}" : "");
    Map<String, String> path = new HashMap<>(Map.of("key", key));
    if (engine.target().hasTenant()) {
      path.put("tenant", engine.target().tenant());
    }
    Definition latest;
    try {
      latest = engine.get(base, path, Definition.class);
    } catch (TargetException e) {
      if (e.status().orElse(0) == 404) {
        return new Drift(key, kind, artifact.path(), artifact.digest(), null, null, null, "", "", true);
      }
      throw e;
    }
    Deployment deployment = engine.get("/deployment/{id}", Map.of("id", latest.deploymentId()), Deployment.class);
    Optional<EngineResource> resource = engine.resources(latest.deploymentId()).stream()
        .filter(r -> r.name().equals(latest.resource())).findFirst();
    String onTarget = resource
        .map(r -> DeploymentVerifier.sha256(engine.resourceData(latest.deploymentId(), r.id()))).orElse("");
    boolean drifted = !onTarget.equalsIgnoreCase(artifact.digest());
    String by = drifted ? deployedBy(engine, latest.deploymentId()) : "";
    return new Drift(key, kind, artifact.path(), artifact.digest(), latest.version(), deployment,
        onTarget, by, latest.resource(), drifted);
  }

  private static String deployedBy(TargetEngineClient engine, String deploymentId) {
    try {
      List<Operation> operations = engine.getAll("/history/user-operation", Map.of("deploymentId", deploymentId,
          "entityType", "Deployment", "operationType", "Create"), Operation[].class);
      return operations.stream().map(Operation::userId).filter(u -> u != null && !u.isBlank()).findFirst().orElse("");
    } catch (TargetException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return ""; // the user may not read the operation log; the rest of the report stands
    }
  }

  /** The process ids (executable) and decision ids a model defines. */
  static List<String> keys(FetchedArtifact artifact) {
    if (artifact.type() == ArtifactType.BPMN) {
      return Bpmn.readModelFromStream(new ByteArrayInputStream(artifact.content()))
          .getModelElementsByType(Process.class).stream().filter(Process::isExecutable).map(Process::getId).toList();
    }
    if (artifact.type() == ArtifactType.DMN) {
      return Dmn.readModelFromStream(new ByteArrayInputStream(artifact.content()))
          .getModelElementsByType(Decision.class).stream().map(Decision::getId).toList();
    }
    return List.of();
  }


  /**
   * What the engine starts for one key, against what the release validated.
   *
   * @param version the latest version by key; null when the target has no version of the key at all
   * @param deployedBy who deployed the latest version, when the target's operation log says; else empty
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Drift(String key, String kind, String path, String validatedSha256, Integer version,
                      Deployment deployment, String targetSha256, String deployedBy, String resource,
                      boolean drifted) {
    @JsonProperty("detail")
    public String describe() {
      if (version == null) {
        return "the target has no " + kind + " with key " + key + ": starting it by key fails; deploy the release again";
      }
      String where = kind + " " + key + ":" + version + " from deployment " + deployment.id() + " ('" + deployment.name()
          + "', source '" + (deployment.source() == null ? "" : deployment.source()) + "', deployed "
          + deployment.deploymentTime() + ")";
      if (!drifted) {
        return where + " is started by key and holds the validated " + path + " (sha256 " + validatedSha256 + ")";
      }
      return "starting " + key + " by key runs " + where + ", deployed "
          + (deployedBy.isEmpty() ? "by someone the target does not say" : "by " + deployedBy)
          + ", whose " + resource + " has sha256 " + (targetSha256.isEmpty() ? "(unreadable)" : targetSha256)
          + ", not the validated " + path + " (sha256 " + validatedSha256 + "); deploy the release again, or find who"
          + " deployed " + deployment.id() + " outside the pipeline";
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Definition(String id, String key, Integer version, String resource, String deploymentId) {}

  /** A deployment as the engine describes it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Deployment(String id, String name, String source,
                           @JsonAlias("deploymentTime") String deploymentTime) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Operation(String userId, String timestamp) {}
}
