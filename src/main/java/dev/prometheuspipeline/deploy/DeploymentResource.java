package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

/**
 * One file sent in a deployment.
 *
 * @param name the resource name the engine stores, and the multipart part's name and file name
 * @param content the file's bytes
 */
public record DeploymentResource(String name, byte[] content) {
  public DeploymentResource {
    requireNonNull(name, "name");
    requireNonNull(content, "content");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a deployment resource needs a name");
    }
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }
}
