package dev.prometheuspipeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.Topics;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/** Every external task of the release processes has a topic in {@link Topics} and a worker serving it. */
class TopicsTest {

  @Test
  void theModelsTheTopicsAndTheHandlersAgree() throws Exception {
    assertThat(topicsInTheModels()).isEqualTo(declaredTopics());
    assertThat(topicsWithAHandler()).isEqualTo(declaredTopics());
  }

  private static Set<String> declaredTopics() throws IllegalAccessException {
    Set<String> topics = new HashSet<>();
    for (Field field : Topics.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        topics.add((String) field.get(null));
      }
    }
    return topics;
  }

  private static Set<String> topicsInTheModels() throws Exception {
    Set<String> topics = new HashSet<>();
    for (String process : new String[] {"processes/release.bpmn", "processes/validar.bpmn",
        "processes/implantar.bpmn", "processes/rollback.bpmn"}) {
      try (InputStream in = TopicsTest.class.getClassLoader().getResourceAsStream(process)) {
        Bpmn.readModelFromStream(in).getModelElementsByType(ServiceTask.class).stream()
            .filter(task -> "external".equals(task.getCamundaType()))
            .forEach(task -> topics.add(task.getCamundaTopic()));
      }
    }
    return topics;
  }

  private static Set<String> topicsWithAHandler() throws ClassNotFoundException {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ExternalTaskSubscription.class));
    Set<String> topics = new HashSet<>();
    for (BeanDefinition handler : scanner.findCandidateComponents("dev.prometheuspipeline")) {
      topics.add(Class.forName(handler.getBeanClassName())
          .getAnnotation(ExternalTaskSubscription.class).topicName());
    }
    return topics;
  }
}
