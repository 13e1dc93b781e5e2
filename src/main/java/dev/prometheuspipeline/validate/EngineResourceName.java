package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.release.ArtifactType;
import java.util.List;
import java.util.Map;

/**
 * The name a resource must have for the engine to parse it as its type. The engine picks a deployer by
 * suffix, case-sensitively: {@code x.BPMN} or {@code x.xml} is stored and never parsed as a process.
 */
final class EngineResourceName {
  private static final Map<ArtifactType, List<String>> SUFFIXES =
      Map.of(
          ArtifactType.BPMN, List.of(".bpmn", ".bpmn20.xml"),
          ArtifactType.DMN, List.of(".dmn", ".dmn11.xml"),
          ArtifactType.FORM, List.of(".form"));

  private EngineResourceName() {}

  /** {@code resourceName} when the engine will parse it as {@code type}, else that name with the suffix added. */
  static String of(ArtifactType type, String resourceName) {
    List<String> suffixes = SUFFIXES.getOrDefault(type, List.of());
    if (suffixes.isEmpty() || suffixes.stream().anyMatch(resourceName::endsWith)) {
      return resourceName;
    }
    return resourceName + type.extension();
  }
}
