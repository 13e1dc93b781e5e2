package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The selectors of Camunda Process Test instructions, as Jackson reads them; field names as in the format. */
public final class Selectors {
  private Selectors() {}

  /** A process ({@code processDefinitionSelector}) or its instance ({@code processInstanceSelector}). */
  public record ProcessSelector(String processDefinitionId) {
    public ProcessSelector {
      requireNonNull(processDefinitionId, "processDefinitionId");
    }
  }

  public record DecisionSelector(Optional<String> decisionDefinitionId, Optional<String> decisionDefinitionName) {
    public DecisionSelector {
      decisionDefinitionId = given(decisionDefinitionId);
      decisionDefinitionName = given(decisionDefinitionName);
    }
  }

  public record DecisionDefinitionSelector(String decisionDefinitionId) {
    public DecisionDefinitionSelector {
      requireNonNull(decisionDefinitionId, "decisionDefinitionId");
    }
  }

  public record ElementSelector(Optional<String> elementId, Optional<String> elementName) {
    public ElementSelector {
      elementId = given(elementId);
      elementName = given(elementName);
    }
  }

  public record UserTaskSelector(Optional<String> elementId, Optional<String> taskName, Optional<String> processDefinitionId) {
    public UserTaskSelector {
      elementId = given(elementId);
      taskName = given(taskName);
      processDefinitionId = given(processDefinitionId);
    }
  }

  /** A job: on Camunda 7 an external task (its {@code jobType} is the topic), or a job of the engine's own. */
  public record JobSelector(Optional<String> jobType, Optional<String> elementId, Optional<String> processDefinitionId) {
    public JobSelector {
      jobType = given(jobType);
      elementId = given(elementId);
      processDefinitionId = given(processDefinitionId);
    }

    public ExternalTaskSelector asExternalTask() {
      return new ExternalTaskSelector(jobType, elementId, processDefinitionId);
    }
  }

  public record IncidentSelector(Optional<String> elementId, Optional<String> processDefinitionId) {
    public IncidentSelector {
      elementId = given(elementId);
      processDefinitionId = given(processDefinitionId);
    }
  }

  public record MessageSelector(String messageName, Optional<String> correlationKey) {
    public MessageSelector {
      requireNonNull(messageName, "messageName");
      correlationKey = given(correlationKey);
    }
  }

  public record ExternalTaskSelector(Optional<String> topic, Optional<String> elementId, Optional<String> processDefinitionId) {
    public ExternalTaskSelector {
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
