package dev.prometheuspipeline.deploy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pipeline.environments}: where a release goes, in order. Empty means one environment, named by
 * {@code pipeline.target.environment} ({@code producao}), on {@code pipeline.target.*}: the single
 * target of earlier versions, so their configuration keeps working.
 */
@ConfigurationProperties("pipeline")
public record EnvironmentsProperties(List<EnvironmentProperties> environments) {
  public EnvironmentsProperties {
    environments = environments == null ? List.of() : List.copyOf(environments);
  }
}
