package dev.prometheuspipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;

/** The sandbox, the parse-only engine and an engine with every option judge a model with the same settings. */
class InMemoryEngineConfigurationTest {
  @Test
  void theParseOnlyEngineJudgesWithTheSandboxsSettings() {
    EngineInstance sandbox = EngineInstance.build();
    try {
      assertThat(settings(ParseOnlyEngine.shared().configuration())).isEqualTo(settings(sandbox));
    } finally {
      sandbox.shutDown();
    }
  }

  @Test
  void noOptionChangesTheSettingsAModelIsJudgedWith() {
    String name = "options-" + UUID.randomUUID();
    ProcessEngine withEveryOption = InMemoryEngineConfiguration.build(name, InMemoryEngineConfiguration.Options.none()
        .withJavaSerializedVariables()
        .withPostParseListener(new AbstractBpmnParseListener() {})
        .withBean("stub", new Object()));
    EngineInstance sandbox = EngineInstance.build();
    try {
      assertThat(settings(configuration(withEveryOption))).isEqualTo(settings(sandbox));
      assertThat(configuration(withEveryOption).isJavaSerializationFormatEnabled()).isTrue();
      assertThat(configuration(sandbox.engine()).isJavaSerializationFormatEnabled()).isFalse();
    } finally {
      withEveryOption.close();
      InMemoryEngineConfiguration.shutDownDatabase(name);
      sandbox.shutDown();
    }
  }

  @Test
  void judgesWithFullHistoryAndTheEnginesFeel() {
    EngineInstance sandbox = EngineInstance.build();
    try {
      assertThat(settings(sandbox))
          .containsEntry("history", "full")
          .containsEntry("historyLevel", "full")
          .containsEntry("dmnEnabled", true)
          .containsEntry("jobExecutorActivate", false);
      assertThat(settings(sandbox).get("feelEngineFactory")).isNotNull();
      assertThat(settings(sandbox).get("expressionManager")).isNotNull();
    } finally {
      sandbox.shutDown();
    }
  }

  @Test
  void anEngineItBuildsIsNotRegistered() {
    String name = "unregistered-" + UUID.randomUUID();
    ProcessEngine engine = InMemoryEngineConfiguration.build(name, InMemoryEngineConfiguration.Options.none());
    try {
      assertThat(ProcessEngines.getProcessEngines()).doesNotContainKey(name);
    } finally {
      engine.close();
      InMemoryEngineConfiguration.shutDownDatabase(name);
    }
  }

  private static Map<String, Object> settings(EngineInstance instance) {
    return settings(configuration(instance.engine()));
  }

  private static Map<String, Object> settings(ProcessEngineConfigurationImpl configuration) {
    return InMemoryEngineConfiguration.judgingSettings(configuration);
  }

  private static ProcessEngineConfigurationImpl configuration(ProcessEngine engine) {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
