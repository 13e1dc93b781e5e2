package dev.prometheuspipeline.system;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/** On the application nodes: the engine REST API holds worker users to their topics. */
@Profile("!worker")
@Configuration(proxyBeanMethods = false)
class WorkerAccessConfiguration {

  @Bean
  FilterRegistrationBean<WorkerAccessFilter> workerAccess(ProcessEngine engine, WorkerAccessProperties access) {
    Map<String, List<String>> topics = access.workers().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, worker -> worker.getValue().topics()));
    var registration = new FilterRegistrationBean<>(new WorkerAccessFilter(engine, topics));
    registration.setName("engine-rest-worker-access");
    registration.addUrlPatterns("/engine-rest/*");
    // After the engine's authentication filter (SecurityConfiguration), which names the user.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
    return registration;
  }
}
