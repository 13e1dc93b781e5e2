package plain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Camunda's starter and nothing else: what the pipeline's start-up and memory are compared with. */
@SpringBootApplication
public class PlainCamundaApplication {
  public static void main(String[] args) {
    SpringApplication.run(PlainCamundaApplication.class, args);
  }
}
