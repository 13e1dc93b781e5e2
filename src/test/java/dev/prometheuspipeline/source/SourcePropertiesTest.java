package dev.prometheuspipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SourcePropertiesTest {

  @Test
  void bindsFromPipelineSourceProperties() {
    Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
        "pipeline.source.repository", "https://git.example.com/team/models.git",
        "pipeline.source.workers-repository", "/srv/git/workers",
        "pipeline.source.cache-dir", "/var/cache/pipeline",
        "pipeline.source.products[0]", "Genesis",
        "pipeline.source.max-file-bytes", "2048",
        "pipeline.source.timeout", "30s")));

    SourceProperties properties = binder.bind("pipeline.source", SourceProperties.class).get();

    assertThat(properties.repository()).isEqualTo("https://git.example.com/team/models.git");
    assertThat(properties.workersRepository()).isEqualTo("/srv/git/workers");
    assertThat(properties.cacheDir()).isEqualTo(Path.of("/var/cache/pipeline"));
    assertThat(properties.products()).containsExactly("Genesis");
    assertThat(properties.maxFileBytes()).isEqualTo(2048);
    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void appliesTheDefaultsToWhatIsNotSet() {
    Binder binder = new Binder(new MapConfigurationPropertySource(
        Map.of("pipeline.source.repository", "/srv/git/models")));

    SourceProperties properties = binder.bind("pipeline.source", SourceProperties.class).get();

    assertThat(properties.workersRepository()).isEmpty();
    assertThat(properties.hasWorkersRepository()).isFalse();
    assertThat(properties.cacheDir()).isEqualTo(Path.of("data/git-cache"));
    assertThat(properties.products()).containsExactly("Genesis", "Prometheus");
    assertThat(properties.maxFileBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(properties.username()).isEmpty();
    assertThat(properties.password()).isEmpty();
    assertThat(properties.timeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void toStringLeavesOutCredentialsAndUrlUserInfo() {
    SourceProperties properties = new SourceProperties(
        "https://ana:url-secret@git.example.com/team/models.git",
        "https://ci:workers-secret@git.example.com/team/workers.git",
        null, null, 0, "bot-user", "token-secret", null);

    assertThat(properties.toString())
        .contains("https://git.example.com/team/models.git", "credentials=configured")
        .doesNotContain("url-secret", "workers-secret", "token-secret", "bot-user", "ana", "ci:");
  }

  @Test
  void refusesAProductFolderThatLeavesTheRepository() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SourceProperties("/srv/git", "", null, List.of("../etc"), 0, null, null, null))
        .withMessageStartingWith("pipeline.source.products: '../etc': path has a '..' segment");
  }

  @Test
  void refusesANegativeSizeLimit() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SourceProperties("/srv/git", "", null, null, -1, null, null, null))
        .withMessageContaining("pipeline.source.max-file-bytes is -1");
  }
}
