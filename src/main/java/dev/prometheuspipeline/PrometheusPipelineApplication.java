package dev.prometheuspipeline;

import dev.prometheuspipeline.command.Commands;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.gson.GsonAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

// Gson is on the class path for sigstore-java, which builds its own; the application's JSON is Jackson's, so Spring's
// Gson bean would only cost start-up time.
@SpringBootApplication(exclude = GsonAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class PrometheusPipelineApplication {
  /** First argument that starts the same jar as a worker-only process (profile {@code worker}). */
  static final String WORKER = "worker";

  public static void main(String[] args) {
    // Subcommands (validate, test), and --help or --version, run before Spring: no web server, process application
    // or datasource starts.
    if (Commands.isCommand(args)) {
      System.exit(Commands.runAsProcess(args));
    }
    SpringApplication application = new SpringApplication(PrometheusPipelineApplication.class);
    if (args.length > 0 && args[0].equals(WORKER)) {
      // Only the external-task client: no engine, webapps, API or web server (application-worker.yaml).
      application.setAdditionalProfiles(WORKER);
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    application.run(args);
  }
}
