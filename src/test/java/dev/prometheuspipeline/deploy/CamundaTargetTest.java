package dev.prometheuspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CamundaTargetTest {

  @Test
  void toStringNeverShowsThePassword() {
    CamundaTarget target = new CamundaTarget(URI.create("http://camunda:8080/engine-rest"), "deployer",
        "s3cr3t-value", Duration.ofSeconds(10));

    assertThat(target.toString())
        .contains("http://camunda:8080/engine-rest", "deployer")
        .doesNotContain("s3cr3t-value");
  }

  @Test
  void refusesCredentialsInTheUrlAndPointsToTheProperties() {
    assertThatThrownBy(() -> new CamundaTarget(URI.create("http://deployer:s3cr3t@camunda:8080/engine-rest"),
        "deployer", "s3cr3t", Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pipeline.target.username/password")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> new CamundaTarget(URI.create("ftp://camunda/engine-rest"), "deployer", "x",
        Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pipeline.target.url");
  }
}
