package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A process or decision definition the target engine made from a deployed resource.
 *
 * @param id the definition id
 * @param key the process or decision id from the model
 * @param version the engine's version number for that key
 * @param resource the resource name it came from
 * @param deploymentId the deployment that holds the resource
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngineDefinition(String id, String key, int version, String resource, String deploymentId) {
  public EngineDefinition {
    requireNonNull(id, "id");
    requireNonNull(key, "key");
    resource = resource == null ? "" : resource;
    deploymentId = deploymentId == null ? "" : deploymentId;
  }

  /** {@code key:version}, the way people name a definition in Cockpit. */
  public String keyAndVersion() {
    return key + ":" + version;
  }
}
