package dev.prometheuspipeline.supplychain;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How releases are signed ({@code pipeline.signing.*}).
 *
 * @param keyFile the operator's ECDSA P-256 private key (PKCS#8 PEM); when unset, {@code generatedKeyFile}
 * @param generatedKeyFile where the key generated at first start is kept, readable only by this application
 * @param builderId the provenance's {@code builder.id}: a URI naming this pipeline instance
 */
@ConfigurationProperties("pipeline.signing")
public record SigningProperties(Path keyFile, Path generatedKeyFile, String builderId) {
  static final Path DEFAULT_GENERATED_KEY_FILE = Path.of("data", "signing-key.pem");
  static final String DEFAULT_BUILDER_ID = "https://prometheuspipeline.dev/builder/prometheus-pipeline";

  public SigningProperties {
    keyFile = keyFile == null || keyFile.toString().isBlank() ? null : keyFile;
    generatedKeyFile = generatedKeyFile == null || generatedKeyFile.toString().isBlank()
        ? DEFAULT_GENERATED_KEY_FILE : generatedKeyFile;
    builderId = builderId == null || builderId.isBlank() ? DEFAULT_BUILDER_ID : builderId;
  }

  /** The operator's key when one is configured, else the one generated once and kept. */
  public SigningKey key() {
    return keyFile != null ? SigningKeys.load(keyFile) : SigningKeys.loadOrCreate(generatedKeyFile);
  }
}
