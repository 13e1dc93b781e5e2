package dev.prometheuspipeline.system;

import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.EnvironmentsProperties;
import dev.prometheuspipeline.deploy.Rollback;
import dev.prometheuspipeline.deploy.TargetClients;
import dev.prometheuspipeline.deploy.TargetDefinitions;
import dev.prometheuspipeline.deploy.TargetProperties;
import dev.prometheuspipeline.deploy.TargetResolver;
import dev.prometheuspipeline.release.DeployedDefinitions;
import dev.prometheuspipeline.sandbox.SandboxEngine;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.SourceProperties;
import dev.prometheuspipeline.testing.ModelTests;
import dev.prometheuspipeline.testing.ReleaseTester;
import dev.prometheuspipeline.testing.SandboxTester;
import dev.prometheuspipeline.testing.TestStage;
import dev.prometheuspipeline.testing.WorkerTests;
import dev.prometheuspipeline.validate.ValidationStage;
import dev.prometheuspipeline.validate.Validator;
import dev.prometheuspipeline.verify.DeploymentVerifier;
import dev.prometheuspipeline.verify.ReleaseVerification;
import dev.prometheuspipeline.verify.VerifyProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/** The capability cores are plain Java; this is where they meet their configuration. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

  @Bean
  ArtifactFetcher artifactFetcher(SourceProperties source) {
    return new ArtifactFetcher(source);
  }

  @Bean
  Validator validator(@Value("${pipeline.validate.max-file-bytes:10485760}") long maxFileBytes) {
    return new Validator(maxFileBytes);
  }

  @Bean
  ValidationStage validationStage(Validator validator, ArtifactFetcher fetcher,
      @Value("${pipeline.public-url:}") String publicUrl) {
    return new ValidationStage(validator, fetcher,
        publicUrl.isBlank() ? Optional.empty() : Optional.of(URI.create(publicUrl.strip())));
  }

  @Bean
  ReleaseTester releaseTester(
      @Value("${pipeline.test.parallelism:0}") int parallelism,
      @Value("${pipeline.test.timeout:60s}") Duration perTestTimeout,
      @Value("${pipeline.test.worker-timeout:15m}") Duration workerTimeout,
      @Value("${pipeline.test.maven-offline:false}") boolean mavenOffline) {
    int lanes = parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    return new ReleaseTester(new SandboxTester(), new ModelTests(lanes, perTestTimeout), new WorkerTests(mavenOffline),
        workerTimeout);
  }

  @Bean
  TestStage testStage(ReleaseTester tester, ArtifactFetcher fetcher) {
    return new TestStage(tester, fetcher);
  }

  /** Idle sandbox engines are kept for reuse; they go with the application. */
  @Bean
  DisposableBean idleSandboxEngines() {
    return SandboxEngine::shutDownIdle;
  }

  /** Every target engine client starts from Spring's HTTP client configuration. */
  @Bean
  TargetClients targetClients(RestClient.Builder http) {
    return new TargetClients(http);
  }

  /**
   * The environments a release goes through. Named for {@code implantar.bpmn}, whose environments loop
   * reads {@code deployEnvironments.names()}. With nothing configured, the pipeline deploys to this
   * application's own engine, as its worker user.
   */
  @Bean("deployEnvironments")
  TargetResolver targetResolver(TargetProperties target, EnvironmentsProperties environments,
      WorkerCredentials worker, Environment environment) {
    return new TargetResolver(target, environments, worker.username(), worker.password(), environment);
  }

  /** What validation asks the target about references a release does not ship: a fresh view per run. */
  @Bean
  DeployedDefinitions.Source targetDefinitions(TargetResolver targets, TargetClients clients) {
    return () -> new TargetDefinitions(clients.connect(targets.current()));
  }

  @Bean
  Rollback rollback(TargetClients clients) {
    return new Rollback(clients);
  }

  @Bean
  Deployer deployer(TargetClients clients) {
    return new Deployer(clients);
  }

  @Bean
  DeploymentVerifier deploymentVerifier(TargetClients clients) {
    return new DeploymentVerifier(clients);
  }

  @Bean
  ReleaseVerification releaseVerification(DeploymentVerifier verifier, TargetClients clients,
      VerifyProperties settings) {
    return new ReleaseVerification(verifier, clients, settings);
  }
}
