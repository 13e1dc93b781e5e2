package dev.prometheuspipeline.system;

import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.sandbox.SandboxEngine;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.SourceProperties;
import dev.prometheuspipeline.testing.SandboxTester;
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
  SandboxTester sandboxTester() {
    return new SandboxTester();
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
