package dev.prometheuspipeline.verify;

import dev.prometheuspipeline.deploy.EngineDefinition;
import dev.prometheuspipeline.deploy.EngineResource;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.release.ArtifactType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The definitions the engine made from a deployment's resources, asked once per deployment and kind for one
 * verification rather than once per resource (a release of 20 models costs 2 queries per product, not 20),
 * however many of the verification's threads ask.
 */
final class MadeDefinitions {
  private final TargetEngineClient engine;
  private final Map<String, List<EngineDefinition>> processes = new ConcurrentHashMap<>();
  private final Map<String, List<EngineDefinition>> decisions = new ConcurrentHashMap<>();

  MadeDefinitions(TargetEngineClient engine) {
    this.engine = engine;
  }

  /** The process (BPMN) or decision (DMN) definitions made from {@code resource}, lowest version first. */
  List<EngineDefinition> from(ArtifactType type, EngineResource resource) {
    List<EngineDefinition> made = type == ArtifactType.BPMN
        ? processes.computeIfAbsent(resource.deploymentId(), engine::processDefinitions)
        : decisions.computeIfAbsent(resource.deploymentId(), engine::decisionDefinitions);
    return made.stream().filter(definition -> definition.resource().equals(resource.name())).toList();
  }
}
