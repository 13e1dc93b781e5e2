package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A deployment as the target engine reports it.
 *
 * @param id the engine's deployment id
 * @param name the deployment name; empty when the deployment has none
 * @param source the deployment source; empty when the deployment has none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngineDeployment(String id, String name, String source) {
  public EngineDeployment {
    requireNonNull(id, "id");
    name = name == null ? "" : name;
    source = source == null ? "" : source;
  }
}
