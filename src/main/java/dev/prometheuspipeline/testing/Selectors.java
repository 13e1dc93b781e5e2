package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The selectors of Camunda Process Test instructions, as Jackson reads them; field names as in the format. */
final class Selectors {
  private Selectors() {}

  /** A process ({@code processDefinitionSelector}) or its instance ({@code processInstanceSelector}). */
  record ProcessSelector(String processDefinitionId) {
    ProcessSelector {
      requireNonNull(processDefinitionId, "processDefinitionId");
    }
  }

  record DecisionSelector(Optional<String> decisionDefinitionId, Optional<String> decisionDefinitionName) {
    DecisionSelector {
      decisionDefinitionId = given(decisionDefinitionId);
      decisionDefinitionName = given(decisionDefinitionName);
    }
  }

  record DecisionDefinitionSelector(String decisionDefinitionId) {
    DecisionDefinitionSelector {
      requireNonNull(decisionDefinitionId, "decisionDefinitionId");
    }
  }

  record ElementSelector(Optional<String> elementId, Optional<String> elementName) {
    ElementSelector {
      elementId = given(elementId);
      elementName = given(elementName);
    }
  }

  record UserTaskSelector(Optional<String> elementId, Optional<String> taskName, Optional<String> processDefinitionId) {
    UserTaskSelector {
      elementId = given(elementId);
      taskName = given(taskName);
      processDefinitionId = given(processDefinitionId);
    }
  }

  /** A job: on Camunda 7 an external task (its {@code jobType} is the topic), or a job of the engine's own. */
  record JobSelector(Optional<String> jobType, Optional<String> elementId, Optional<String> processDefinitionId) {
    JobSelector {
      jobType = given(jobType);
      elementId = given(elementId);
      processDefinitionId = given(processDefinitionId);
    }

    ExternalTaskSelector asExternalTask() {
      return new ExternalTaskSelector(jobType, elementId, processDefinitionId);
    }
  }

  record IncidentSelector(Optional<String> elementId, Optional<String> processDefinitionId) {
    IncidentSelector {
      elementId = given(elementId);
      processDefinitionId = given(processDefinitionId);
    }
  }

  record MessageSelector(String messageName, Optional<String> correlationKey) {
    MessageSelector {
      requireNonNull(messageName, "messageName");
      correlationKey = given(correlationKey);
    }
  }

  record ExternalTaskSelector(Optional<String> topic, Optional<String> elementId, Optional<String> processDefinitionId) {
    ExternalTaskSelector {
      topic = given(topic);
      elementId = given(elementId);
      processDefinitionId = given(processDefinitionId);
    }
  }

  // Jackson gives an absent creator property as null, also for Optional.
  static <T> Optional<T> given(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }
}
