package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.sandbox.InMemoryEngineConfiguration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;

/** A scenario engine judges a model with the sandbox's settings; it only adds what scenarios need. */
class ScenarioEngineConfigurationTest {
  @Test
  void judgesAModelWithTheSettingsOfTheSandboxsConfiguration() {
    String name = "plain-" + UUID.randomUUID();
    ProcessEngine plain = InMemoryEngineConfiguration.build(name, InMemoryEngineConfiguration.Options.none());
    try (ScenarioEngine scenario = ScenarioEngine.start(Map.of())) {
      assertThat(InMemoryEngineConfiguration.judgingSettings(configuration(scenario.engine())))
          .isEqualTo(InMemoryEngineConfiguration.judgingSettings(configuration(plain)));
    } finally {
      plain.close();
      InMemoryEngineConfiguration.shutDownDatabase(name);
    }
  }

  @Test
  void storesJsonObjectsAndListsAsJavaSerializedVariables() {
    try (ScenarioEngine scenario = ScenarioEngine.start(Map.of())) {
      assertThat(configuration(scenario.engine()).isJavaSerializationFormatEnabled()).isTrue();
      assertThat(configuration(scenario.engine()).getBeans()).containsKey(ScenarioStubs.BEAN);
    }
  }

  private static ProcessEngineConfigurationImpl configuration(ProcessEngine engine) {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
