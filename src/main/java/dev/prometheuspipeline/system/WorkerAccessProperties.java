package dev.prometheuspipeline.system;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The users of worker-only processes ({@code pipeline.access.workers.<name>.topics} and {@code .password}):
 * the application nodes create each at start with only the rights its topics need. The password comes from
 * the environment or a secret; a worker without one fails the start, since no fixed password may exist.
 */
@ConfigurationProperties("pipeline.access")
public record WorkerAccessProperties(Map<String, WorkerAccount> workers) {
  public WorkerAccessProperties {
    workers = workers == null ? Map.of() : Map.copyOf(workers);
    workers.forEach((name, account) -> {
      if (account.password().isEmpty()) {
        throw new IllegalArgumentException("pipeline.access.workers." + name + ".password is empty; give the worker"
            + " user a password from the environment or a secret");
      }
      if (account.topics().isEmpty()) {
        throw new IllegalArgumentException("pipeline.access.workers." + name + ".topics is empty; name the topics"
            + " that worker works on");
      }
    });
  }

  public record WorkerAccount(String password, List<String> topics) {
    public WorkerAccount {
      password = password == null ? "" : password;
      topics = topics == null ? List.of() : List.copyOf(topics);
    }

    @Override
    public String toString() {
      return "WorkerAccount[topics=" + topics + ", password=****]";
    }
  }
}
