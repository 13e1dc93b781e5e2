package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.deploy.DeploymentResource;
import dev.prometheuspipeline.deploy.EngineDeployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;

/**
 * The deploy stage's own path for a form without id: a 7.24 target over REST, with changed-only and
 * duplicate filtering, deploys it (with the process that shows it by resource name), so {@code form-id}
 * is a warning on it and not the deployment failure it was once thought to be.
 */
@TargetEngineTest
class FormWithoutIdOnTargetTest {
  private static final Path CASE = Path.of("src/test/resources/validate/release/form-by-resource-name");

  @LocalServerPort int port;

  @Test
  void theTargetDeploysAFormWithoutIdBesideTheProcessThatNamesItsResource() throws IOException {
    EngineDeployment deployment = TargetEngine.client(TargetEngine.target(port)).createDeployment(
        "form-without-id-" + UUID.randomUUID(), "prometheus-pipeline-test",
        List.of(resource("invoice.form"), resource("invoice.bpmn")));

    assertThat(deployment.id()).isNotBlank();
  }

  @Test
  void theTargetDeploysTheValidatorsOwnFormWithoutIdAlone() throws IOException {
    EngineDeployment deployment = TargetEngine.client(TargetEngine.target(port)).createDeployment(
        "form-without-id-" + UUID.randomUUID(), "prometheus-pipeline-test",
        List.of(new DeploymentResource("no-id.form",
            Files.readAllBytes(Path.of("src/test/resources/validate/form/no-id.form")))));

    assertThat(deployment.id()).isNotBlank();
  }

  private static DeploymentResource resource(String name) throws IOException {
    return new DeploymentResource(name, Files.readAllBytes(CASE.resolve(name)));
  }
}
