package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.supplychain.ProvenanceInput.ResolvedDependency;
import dev.prometheuspipeline.supplychain.ProvenanceInput.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our bundles as an independent Sigstore client reads them: sigstore-js (npm {@code sigstore}, pinned), installed
 * for real from the npm registry, run by node. See {@code supplychain/sigstore-verify.js} for which of its steps
 * run and why {@code sigstore.verify()} itself cannot take an offline key-signed bundle; keyless DSSE bundles go
 * through {@code supplychain/sigstore-verify-keyless.js}, sigstore's own checks and thresholds with the loopback
 * Sigstore's trusted root.
 */
class SigstoreJsInteropTest {
  /** 4.x: the newest line whose engines include Node 20 (^20.17), the Node Debian and CI install. */
  private static final String SIGSTORE = "sigstore@4.1.1";
  private static final long TIMEOUT_SECONDS = 240;
  private static final byte[] BPMN = "<definitions id=\"order\"/>\n".getBytes(StandardCharsets.UTF_8);
  private static final String SHA = "9f2c4e1a7b3d5f60718293a4b5c6d7e8f9012345";

  @TempDir static Path npm;
  @TempDir Path dir;

  private static Path script;

  @BeforeAll
  static void installSigstoreJs() throws Exception {
    if (!installed("node") || !installed("npm")) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("node and npm are missing on this CI machine; .ci/run installs them");
      }
      Assumptions.abort("node or npm is not installed: skipping the sigstore-js interop check");
    }
    Files.writeString(npm.resolve("package.json"), "{\"name\":\"sigstore-interop\",\"private\":true}");
    Result install = run(npm, "npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", SIGSTORE);
    assertThat(install.exitCode()).as("npm install %s:\n%s", SIGSTORE, install.output()).isZero();
    script = npm.resolve("sigstore-verify.js");
    for (String name : List.of("sigstore-verify.js", "sigstore-verify-keyless.js")) {
      try (InputStream in = SigstoreJsInteropTest.class.getResourceAsStream("/supplychain/" + name)) {
        Files.write(npm.resolve(name), in.readAllBytes());
      }
    }
  }

  @Test
  void sigstoreJsAcceptsOurMessageSignatureBundle() throws Exception {
    SigningKey key = TestKeys.fresh(dir, "release");

    Result result = verify(new ArtifactSigner(key).sign(BPMN).bundleJson(), key, Optional.of(BPMN));

    assertThat(result.output()).startsWith("VERIFIED");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void sigstoreJsRefusesOurBundleForTamperedBytes() throws Exception {
    SigningKey key = TestKeys.fresh(dir, "release");
    String bundle = new ArtifactSigner(key).sign(BPMN).bundleJson();
    byte[] tampered = BPMN.clone();
    tampered[3] ^= 0x01;

    Result result = verify(bundle, key, Optional.of(tampered));

    assertThat(result.output()).startsWith("REFUSED SIGNATURE_ERROR");
    assertThat(result.exitCode()).isNotZero();
  }

  @Test
  void sigstoreJsRefusesABundleWhoseHintNamesAnotherKey() throws Exception {
    SigningKey key = TestKeys.fresh(dir, "release");
    SigningKey stranger = TestKeys.fresh(dir, "stranger");

    Result result = verify(new ArtifactSigner(stranger).sign(BPMN).bundleJson(), key, Optional.of(BPMN));

    assertThat(result.output()).startsWith("REFUSED PUBLIC_KEY_ERROR: key not found: " + stranger.keyId());
  }

  @Test
  void sigstoreJsAcceptsOurDsseProvenanceBundle() throws Exception {
    SigningKey key = TestKeys.fresh(dir, "release");

    Result result = verify(new ArtifactSigner(key).signStatement(statement()).bundleJson(), key, Optional.empty());

    assertThat(result.output()).startsWith("VERIFIED");
  }

  @Test
  void sigstoreJsRefusesADsseBundleWhosePayloadChanged() throws Exception {
    SigningKey key = TestKeys.fresh(dir, "release");
    String bundle = new ArtifactSigner(key).signStatement(statement()).bundleJson();
    String original = java.util.Base64.getEncoder().encodeToString(statement().getBytes(StandardCharsets.UTF_8));
    String forged = java.util.Base64.getEncoder()
        .encodeToString(statement().replace("r-42", "r-43").getBytes(StandardCharsets.UTF_8));

    Result result = verify(bundle.replace(original, forged), key, Optional.empty());

    assertThat(result.output()).startsWith("REFUSED SIGNATURE_ERROR");
  }

  @Test
  void sigstoreJsAcceptsOurKeylessDsseProvenanceBundleWithThePrivateTrustedRoot() throws Exception {
    try (FakeSigstore sigstore = FakeSigstore.start(dir)) {
      String bundle = keylessProvenance(sigstore);

      Result result = verifyKeyless(bundle, sigstore.trustedRoot());

      assertThat(result.output()).startsWith("VERIFIED");
      assertThat(result.exitCode()).isZero();
    }
  }

  @Test
  void sigstoreJsRefusesOurKeylessDsseBundleWhenTheTrustedRootNamesAnotherTimestampAuthority() throws Exception {
    try (FakeSigstore sigstore = FakeSigstore.start(dir)) {
      String bundle = keylessProvenance(sigstore);
      SigstoreTestPki pki = sigstore.pki;
      Path otherRoot = pki.trustedRoot(dir.resolve("other_tsa_root.json"), new SigstoreTestPki.Services(
          sigstore.fulcioUrl(), sigstore.rekorUrl(), sigstore.rekorV2Url(), sigstore.tsaUrl()), pki.fulcioCa,
          new SigstoreTestPki("stranger").tsaChain);

      Result result = verifyKeyless(bundle, otherRoot);

      assertThat(result.output()).startsWith("REFUSED TIMESTAMP_ERROR");
    }
  }

  /** The statement signed as {@link KeylessArtifactSigner} signs it with Rekor v2 and a TSA: a DSSE bundle. */
  private static String keylessProvenance(FakeSigstore sigstore) {
    try (var signer = new KeylessArtifactSigner(sigstore.fulcioUrl(), sigstore.rekorUrl(), sigstore.trustedRoot(),
        IdentityTokenSource.file(sigstore.tokenFile()),
        Optional.of(new KeylessArtifactSigner.StatementLog(sigstore.rekorV2Url(), sigstore.tsaUrl())))) {
      return signer.signStatement(statement()).bundleJson();
    }
  }

  private Result verifyKeyless(String bundleJson, Path trustedRoot) throws Exception {
    Path bundle = Files.writeString(dir.resolve("keyless-bundle.json"), bundleJson);
    return run(npm, "node", npm.resolve("sigstore-verify-keyless.js").toString(), bundle.toString(),
        trustedRoot.toString(), FakeSigstore.IDENTITY, FakeSigstore.ISSUER);
  }

  private static String statement() {
    FetchedArtifact bpmn = new FetchedArtifact(new Artifact(ArtifactType.BPMN, "order.bpmn",
        "Genesis/bpmn/order.bpmn", SHA), BundleVerifier.hex(SigningKeys.sha256(BPMN)), BPMN.length, BPMN);
    String repository = "https://git.example.test/acme/processes.git";
    return Provenance.statement(new ProvenanceInput("r-42", repository, List.of(SHA), "intent-3", Optional.empty(),
        "run-1001", "https://pipeline.example.test/prometheus", Instant.parse("2026-03-01T10:00:00Z"),
        Instant.parse("2026-03-01T10:04:30Z"), List.of(Subject.of(bpmn)),
        List.of(ResolvedDependency.gitCommit(repository, SHA))));
  }

  private Result verify(String bundleJson, SigningKey key, Optional<byte[]> artifact) throws Exception {
    Path bundle = Files.writeString(dir.resolve("bundle.json"), bundleJson);
    Path pem = Files.writeString(dir.resolve("key.pub.pem"), key.publicKeyPem());
    List<String> command = new ArrayList<>(List.of("node", script.toString(), bundle.toString(), pem.toString(),
        key.keyId()));
    if (artifact.isPresent()) {
      command.add(Files.write(dir.resolve("artifact"), artifact.get()).toString());
    }
    return run(npm, command.toArray(String[]::new));
  }

  private static boolean installed(String program) {
    try {
      return run(Path.of("."), program, "--version").exitCode() == 0;
    } catch (IOException notInstalled) {
      return false;
    }
  }

  private static Result run(Path workingDir, String... command) throws IOException {
    // Output to a file, not a pipe: a pipe nobody reads stalls npm, and reading it would outwait the timeout.
    Path output = Files.createTempFile("sigstore-js", ".out");
    Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took over " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).trim());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(e);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private record Result(int exitCode, String output) {}
}
