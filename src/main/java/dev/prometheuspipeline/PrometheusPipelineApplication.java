package dev.prometheuspipeline;

import dev.prometheuspipeline.command.Commands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PrometheusPipelineApplication {
  public static void main(String[] args) {
    // Subcommands (validate, test), and --help or --version, run before Spring: no web server, process application
    // or datasource starts.
    if (Commands.isCommand(args)) {
      System.exit(Commands.runAsProcess(args));
    }
    SpringApplication.run(PrometheusPipelineApplication.class, args);
  }
}
