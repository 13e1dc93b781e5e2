package dev.prometheuspipeline.stage;

import dev.prometheuspipeline.release.TraceParents;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.client.spring.impl.subscription.SpringTopicSubscriptionImpl;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Every stage fetches {@value TraceParents#VARIABLE} besides the variables its handler names, so
 * {@link StageHandler} can continue the release's trace; here once rather than in each handler's annotation. A
 * subscription that names no variables fetches all of them already.
 */
@Component
class TraceParentVariable implements BeanPostProcessor {
  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    // After afterPropertiesSet, which merges the annotation into the configuration; the subscription reads it when
    // it opens, on ApplicationStartedEvent.
    if (bean instanceof SpringTopicSubscriptionImpl subscription) {
      List<String> names = subscription.getSubscriptionConfiguration().getVariableNames();
      if (names != null && !names.contains(TraceParents.VARIABLE)) {
        List<String> more = new ArrayList<>(names);
        more.add(TraceParents.VARIABLE);
        subscription.getSubscriptionConfiguration().setVariableNames(more);
      }
    }
    return bean;
  }
}
