package dev.prometheuspipeline.deploy;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;

/**
 * {@code GET /task/{id}/form} of a target: the form key, or the reference to a Camunda Form. Camunda 7 calls
 * the reference {@code camundaFormRef}; its fork Operaton, whose REST API is otherwise the same resource for
 * resource, calls it {@code operatonFormRef}. Both are read, so nothing depends on which engine answers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskForm(String key, String contextPath,
                       @JsonAlias({"camundaFormRef", "operatonFormRef"}) FormRef formRef) {

  /** Which Camunda Form a task shows: its id, and the binding ({@code latest}, {@code deployment}, {@code version}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FormRef(String key, String binding, Integer version) {}

  public Optional<FormRef> reference() {
    return Optional.ofNullable(formRef);
  }
}
