package dev.prometheuspipeline.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Which of the product's own processes carry each external-task topic, read from its models
 * ({@code processes/*.bpmn}). Camunda grants external-task rights per process definition, not per topic:
 * this is what turns a worker's topics into the definitions it may fetch from and complete on.
 */
final class TopicProcesses {
  private final Map<String, Set<String>> processesByTopic;

  private TopicProcesses(Map<String, Set<String>> processesByTopic) {
    this.processesByTopic = processesByTopic;
  }

  static TopicProcesses ofProductModels() {
    Map<String, Set<String>> byTopic = new TreeMap<>();
    try {
      for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn")) {
        try (InputStream in = model.getInputStream()) {
          BpmnModelInstance bpmn = Bpmn.readModelFromStream(in);
          for (BaseElement element : bpmn.getModelElementsByType(BaseElement.class)) {
            String topic = element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "topic");
            if (topic != null) {
              byTopic.computeIfAbsent(topic, t -> new TreeSet<>()).add(processOf(element));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TopicProcesses(byTopic);
  }

  /** The process keys whose models have external tasks on any of {@code topics}. */
  Set<String> processesOf(Iterable<String> topics) {
    Set<String> keys = new TreeSet<>();
    for (String topic : topics) {
      Set<String> carrying = processesByTopic.get(topic);
      if (carrying == null) {
        throw new IllegalArgumentException("no process of the pipeline has the external-task topic '" + topic
            + "'; the topics are " + processesByTopic.keySet());
      }
      keys.addAll(carrying);
    }
    return keys;
  }

  private static String processOf(ModelElementInstance element) {
    ModelElementInstance scope = element;
    while (!(scope instanceof Process)) {
      scope = scope.getParentElement();
    }
    return ((Process) scope).getId();
  }
}
