package dev.prometheuspipeline.engines;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.prometheuspipeline.deploy.CamundaTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A Camunda 7 API engine other than the one this application embeds, in a JVM of its own: another Camunda 7
 * version, or a maintained fork ({@link Distribution#OPERATON}). Its Spring Boot starter and Spring Boot come
 * from Maven Central (Maven resolves them into a class path), a forty-line application is compiled against
 * them, and the engine serves its REST API with HTTP basic auth on a free loopback port. What a target of
 * that version really answers, not a recording of it.
 */
final class OtherEngine implements AutoCloseable {
  static final String USER = "deployer";
  static final String PASSWORD = "other-engine-test-only";

  /**
   * Who publishes the engine. The forks keep Camunda 7's REST API resource for resource but rename the Java
   * packages, the Maven coordinates and the configuration prefix; the application below is the same text.
   */
  enum Distribution {
    CAMUNDA("Camunda", "org.camunda.bpm.springboot", "camunda-bpm-spring-boot-starter-rest", "org.camunda", "camunda.bpm"),
    OPERATON("Operaton", "org.operaton.bpm.springboot", "operaton-bpm-spring-boot-starter-rest", "org.operaton",
        "operaton.bpm");

    private final String label;
    private final String starterGroup;
    private final String starterArtifact;
    private final String javaPackage;
    private final String propertyPrefix;

    Distribution(String label, String starterGroup, String starterArtifact, String javaPackage, String propertyPrefix) {
      this.label = label;
      this.starterGroup = starterGroup;
      this.starterArtifact = starterArtifact;
      this.javaPackage = javaPackage;
      this.propertyPrefix = propertyPrefix;
    }
  }
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private static final String APPLICATION = """
      package otherengine;

      import ENGINE_PACKAGE.bpm.engine.IdentityService;
      import ENGINE_PACKAGE.bpm.engine.identity.User;
      import ENGINE_PACKAGE.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
      import ENGINE_PACKAGE.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
      import org.springframework.boot.ApplicationRunner;
      import org.springframework.boot.SpringApplication;
      import org.springframework.boot.autoconfigure.SpringBootApplication;
      import org.springframework.boot.web.servlet.FilterRegistrationBean;
      import org.springframework.context.annotation.Bean;

      @SpringBootApplication
      public class OtherEngineApplication {
        public static void main(String[] args) {
          SpringApplication.run(OtherEngineApplication.class, args);
        }

        @Bean
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
          FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
              new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
          registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
          registration.addUrlPatterns("/engine-rest/*");
          return registration;
        }

        @Bean
        ApplicationRunner deployer(IdentityService identity) {
          return arguments -> {
            User user = identity.newUser("%s");
            user.setFirstName("Deployer");
            user.setLastName("Test");
            user.setPassword("%s");
            identity.saveUser(user);
          };
        }
      }
      """.formatted(USER, PASSWORD);

  private static final String POM = """
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <parent>
          <groupId>org.springframework.boot</groupId>
          <artifactId>spring-boot-starter-parent</artifactId>
          <version>%2$s</version>
        </parent>
        <groupId>dev.prometheuspipeline.test</groupId>
        <artifactId>other-engine</artifactId>
        <version>1</version>
        <dependencies>
          <dependency>
            <groupId>%3$s</groupId>
            <artifactId>%4$s</artifactId>
            <version>%1$s</version>
          </dependency>
          <dependency>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-jdbc</artifactId>
          </dependency>
          <dependency>
            <groupId>com.h2database</groupId>
            <artifactId>h2</artifactId>
          </dependency>
        </dependencies>
      </project>
      """;

  private final String name;
  private final String version;
  private final int port;
  private final Path log;
  private final Process process;

  private OtherEngine(String name, String version, int port, Path log, Process process) {
    this.name = name;
    this.version = version;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * {@code version} of {@code distribution} on the Spring Boot it was released with, e.g. Camunda 7.17.0 on
   * 2.6.x or Operaton 1.0.3 on 3.5.x.
   */
  static OtherEngine start(Distribution distribution, String version, String springBootVersion)
      throws IOException, InterruptedException {
    String name = distribution.label + " " + version;
    Path work = Path.of("target", "other-engines", distribution.name().toLowerCase(java.util.Locale.ROOT) + "-" + version)
        .toAbsolutePath();
    Files.createDirectories(work.resolve("src"));
    Files.writeString(work.resolve("pom.xml"), POM.formatted(version, springBootVersion, distribution.starterGroup,
        distribution.starterArtifact), UTF_8);
    Path classPathFile = work.resolve("classpath.txt");
    run(work, work.resolve("maven.log"), List.of(maven(), "-B", "-q", "dependency:build-classpath",
        "-Dmdep.outputFile=" + classPathFile));
    String classPath = Files.readString(classPathFile, UTF_8).strip();

    Path source = work.resolve("src").resolve("OtherEngineApplication.java");
    Files.writeString(source, APPLICATION.replace("ENGINE_PACKAGE", distribution.javaPackage), UTF_8);
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled = javac.run(null, null, null, "-d", classes.toString(), "-cp", classPath, source.toString());
    if (compiled != 0) {
      throw new IllegalStateException("the engine's application did not compile against " + name);
    }

    int port = freePort();
    Path log = work.resolve("engine.log");
    Process process = new ProcessBuilder(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", classes + java.io.File.pathSeparator + classPath, "otherengine.OtherEngineApplication",
        "--server.port=" + port, "--server.address=127.0.0.1",
        "--spring.datasource.url=jdbc:h2:mem:other-engine;DB_CLOSE_DELAY=-1",
        "--" + distribution.propertyPrefix + ".job-execution.enabled=false", "--spring.main.banner-mode=off")
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    OtherEngine engine = new OtherEngine(name, version, port, log, process);
    engine.awaitUp();
    return engine;
  }

  CamundaTarget target() {
    return new CamundaTarget(URI.create("http://127.0.0.1:" + port + "/engine-rest"), USER, PASSWORD,
        Duration.ofSeconds(30));
  }

  private void awaitUp() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/version"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
            .getBytes(UTF_8))).timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited while starting; see " + log);
      }
      try {
        HttpResponse<String> answer = http.send(probe, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains(version.substring(0, 4))) {
          return;
        }
      } catch (IOException notListeningYet) {
        // connection refused until the web server is up
      }
      Thread.sleep(500);
    }
    close();
    throw new IllegalStateException(name + " did not answer within " + START_TIMEOUT + "; see " + log);
  }

  private static void run(Path directory, Path output, List<String> command) throws IOException, InterruptedException {
    Process maven = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
      maven.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed; see " + output + ":\n"
          + Files.readString(output, UTF_8));
    }
  }

  private static String maven() {
    List<String> candidates = new ArrayList<>();
    String home = System.getenv("MAVEN_HOME");
    if (home != null) {
      candidates.add(Path.of(home, "bin", "mvn").toString());
    }
    String maven = System.getProperty("maven.home");
    if (maven != null) {
      candidates.add(Path.of(maven, "bin", "mvn").toString());
    }
    return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse("mvn");
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
