package dev.prometheuspipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.prometheuspipeline.PrometheusPipelineApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command's logging: SLF4J bound to Logback configured in code, never Logback's auto-configuration. */
class CommandLoggingTest {
  @TempDir Path dir;

  @Test
  void theCommandsLoggingKeepsWarningsAndSilencesTheEngine() {
    CommandLogging provider = new CommandLogging();
    provider.initialize();
    LoggerContext loggers = (LoggerContext) provider.getLoggerFactory();

    assertThat(loggers.getLogger("dev.prometheuspipeline.validate.Validator").isWarnEnabled()).isTrue();
    assertThat(loggers.getLogger("dev.prometheuspipeline.validate.Validator").isInfoEnabled()).isFalse();
    assertThat(loggers.getLogger("org.camunda.bpm.engine.bpmn.parser").isErrorEnabled()).isFalse();
    assertThat(provider.getMDCAdapter()).isNotNull();
    assertThat(provider.getMarkerFactory().getMarker("x").getName()).isEqualTo("x");
  }

  @Test
  void aCommandProcessNeitherAutoConfiguresLogbackNorWritesAnythingButItsReport() throws Exception {
    // Logback's status listener prints every step of its auto-configuration (the logback-test.xml of the test class
    // path found, read) on standard output; a command process must not run it at all.
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.OnConsoleStatusListener",
        "-cp", System.getProperty("java.class.path"), PrometheusPipelineApplication.class.getName(),
        "validate", dir.toString()).start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(run.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(run.getErrorStream()));
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(run.exitValue()).isZero();
    assertThat(out.get()).doesNotContainIgnoringCase("logback").contains("0 errors");
    assertThat(err.get()).isEmpty();
  }

  private static String read(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
