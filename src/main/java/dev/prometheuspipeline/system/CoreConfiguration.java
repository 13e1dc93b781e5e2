package dev.prometheuspipeline.system;

import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.sandbox.SandboxEngine;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.SourceProperties;
import dev.prometheuspipeline.testing.ModelTests;
import dev.prometheuspipeline.testing.ReleaseTester;
import dev.prometheuspipeline.testing.SandboxTester;
import dev.prometheuspipeline.testing.WorkerTests;
import java.time.Duration;
import dev.prometheuspipeline.validate.Validator;
import dev.prometheuspipeline.verify.DeploymentVerifier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
  ReleaseTester releaseTester(
      @Value("${pipeline.test.parallelism:0}") int parallelism,
      @Value("${pipeline.test.timeout:60s}") Duration perTestTimeout,
      @Value("${pipeline.test.worker-timeout:15m}") Duration workerTimeout,
      @Value("${pipeline.test.maven-offline:false}") boolean mavenOffline) {
    int lanes = parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    return new ReleaseTester(new SandboxTester(), new ModelTests(lanes, perTestTimeout), new WorkerTests(mavenOffline),
        workerTimeout);
  }

  /** Idle sandbox engines are kept for reuse; they go with the application. */
  @Bean
  DisposableBean idleSandboxEngines() {
    return SandboxEngine::shutDownIdle;
  }

  @Bean
  Deployer deployer() {
    return new Deployer();
  }

  @Bean
  DeploymentVerifier deploymentVerifier() {
    return new DeploymentVerifier();
  }
}
