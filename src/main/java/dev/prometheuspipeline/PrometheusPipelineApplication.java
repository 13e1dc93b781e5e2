package dev.prometheuspipeline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PrometheusPipelineApplication {
  public static void main(String[] args) {
    SpringApplication.run(PrometheusPipelineApplication.class, args);
  }
}
