package dev.prometheuspipeline.system;

import dev.prometheuspipeline.supplychain.AdvisoryAnswer;
import dev.prometheuspipeline.supplychain.AdvisorySource;
import dev.prometheuspipeline.supplychain.Dependency;
import dev.prometheuspipeline.supplychain.KeylessArtifactSigner;
import dev.prometheuspipeline.supplychain.KeylessBundleVerifier;
import dev.prometheuspipeline.supplychain.NpmAdvisoryClient;
import dev.prometheuspipeline.supplychain.OsvAdvisories;
import dev.prometheuspipeline.supplychain.ReleaseSigning;
import dev.prometheuspipeline.supplychain.SbomBuilder;
import dev.prometheuspipeline.supplychain.SignatureCheck;
import dev.prometheuspipeline.supplychain.SigningKey;
import dev.prometheuspipeline.supplychain.SigningKeyException;
import dev.prometheuspipeline.supplychain.SigningProperties;
import dev.prometheuspipeline.supplychain.VulnerabilityProperties;
import dev.prometheuspipeline.supplychain.VulnerabilityScan;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The supply-chain cores (SBOM, advisories, signing) with their configuration. */
@Configuration(proxyBeanMethods = false)
class SupplyChainConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SupplyChainConfiguration.class);

  @Bean
  SbomBuilder sbomBuilder() {
    return new SbomBuilder();
  }

  /** Read or made at start: a key that cannot be read stops the start, rather than the first release. */
  @Bean
  SigningKey signingKey(SigningProperties signing) {
    SigningKey key = signing.key();
    log.info("supplychain action=signing-key key={} source={}", key.keyId(),
        signing.keyFile() != null ? "pipeline.signing.key-file" : signing.generatedKeyFile());
    return key;
  }

  /** The release key by default; keyless when {@code pipeline.signing.mode=keyless}, its set-up checked at start. */
  @Bean
  ReleaseSigning releaseSigning(SigningKey key, SigningProperties signing) {
    if (signing.mode() != SigningProperties.Mode.KEYLESS) {
      return new ReleaseSigning(key, signing.builderId());
    }
    SigningProperties.Keyless keyless = signing.keyless();
    var tokens = keyless.tokens(Duration.ofSeconds(30));
    if (keyless.fulcioUrl() == null || keyless.rekorUrl() == null || keyless.trustedRoot() == null
        || tokens.isEmpty()) {
      throw new SigningKeyException("pipeline.signing.mode is keyless: set pipeline.signing.keyless.fulcio-url,"
          + " rekor-url, trusted-root, and token-file or token-endpoint with client-id and client-secret");
    }
    var statementLog = keyless.statementLog();
    log.info("supplychain action=signing mode=keyless fulcio={} rekor={} trustedRoot={} token={} provenance={}",
        keyless.fulcioUrl(), keyless.rekorUrl(), keyless.trustedRoot(),
        keyless.tokenFile() != null ? "file" : "client credentials at " + keyless.tokenEndpoint(),
        statementLog.map(l -> "dsse rekorV2=" + l.rekorV2Url() + " tsa=" + l.tsaUrl()).orElse("message-signature"));
    return new ReleaseSigning(new KeylessArtifactSigner(keyless.fulcioUrl(), keyless.rekorUrl(),
        keyless.trustedRoot(), tokens.get(), statementLog), signing.builderId());
  }

  /** Key-signed bundles with the release key; keyless ones only when a trusted root and identity policy are set. */
  @Bean
  SignatureCheck signatureCheck(SigningKey key, SigningProperties signing) {
    SigningProperties.Keyless keyless = signing.keyless();
    if (signing.mode() == SigningProperties.Mode.KEYLESS && !keyless.verifiable()) {
      throw new SigningKeyException("pipeline.signing.mode is keyless: set pipeline.signing.keyless.identity and"
          + " issuer, the certificate identity implantar accepts");
    }
    return new SignatureCheck(key, keyless.verifiable()
        ? Optional.of(new KeylessBundleVerifier(keyless.trustedRoot(), keyless.identity(), keyless.issuer()))
        : Optional.empty());
  }

  /** npm's advisories when a registry is configured, then the operator's OSV mirror when one is. */
  @Bean
  VulnerabilityScan vulnerabilityScan(VulnerabilityProperties settings, RestClient.Builder http) {
    List<AdvisorySource> sources = new ArrayList<>();
    if (settings.npmRegistry() != null) {
      sources.add(new NpmAdvisoryClient(http, settings.npmRegistry(), settings.timeout()));
    }
    if (settings.osvDirectory() != null) {
      log.info("supplychain action=osv-advisories directory={}", settings.osvDirectory());
      // Read again at every scan: the operator's mirror is refreshed while the application runs.
      sources.add(new AdvisorySource() {
        @Override
        public String name() {
          return "OSV advisories in " + settings.osvDirectory();
        }

        @Override
        public AdvisoryAnswer advisories(List<Dependency> dependencies) {
          return OsvAdvisories.load(settings.osvDirectory()).advisories(dependencies);
        }
      });
    }
    return new VulnerabilityScan(sources);
  }
}
