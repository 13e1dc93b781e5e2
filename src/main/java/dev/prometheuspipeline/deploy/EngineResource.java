package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One resource (file) held by a deployment on the target engine.
 *
 * @param id the engine's resource id, needed to download its bytes
 * @param name the resource name, the file's base name as it was deployed
 * @param deploymentId the deployment that holds it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngineResource(String id, String name, String deploymentId) {
  public EngineResource {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(deploymentId, "deploymentId");
  }
}
