package dev.prometheuspipeline.supplychain;

import dev.prometheuspipeline.release.StoredReport;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunReports;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The release's supply-chain evidence over HTTP, authenticated as every {@code /api} call: the SBOM (CycloneDX,
 * or SPDX with {@code ?format=spdx}), the attestations (one Sigstore bundle per artifact, the SBOM's and the
 * provenance's), and the public key that verifies them.
 */
@Profile("!worker")
@RestController
class SupplyChainController {
  private final ReleaseRuns runs;
  private final RunReports reports;
  private final SigningKey key;

  SupplyChainController(ReleaseRuns runs, RunReports reports, SigningKey key) {
    this.runs = runs;
    this.reports = reports;
    this.key = key;
  }

  /** 404 for an unknown release or one whose SBOM validar has not built; 400 for a format other than the two. */
  @GetMapping("/api/releases/{id}/sbom")
  ResponseEntity<byte[]> sbom(@PathVariable String id, @RequestParam(defaultValue = "cyclonedx") String format) {
    String kind = switch (format) {
      case "cyclonedx" -> SbomReports.CYCLONEDX;
      case "spdx" -> SbomReports.SPDX;
      default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "format '" + format + "' is not served; use cyclonedx (the default) or spdx");
    };
    return stored(id, kind, "SBOM");
  }

  @GetMapping("/api/releases/{id}/attestations")
  ResponseEntity<byte[]> attestations(@PathVariable String id) {
    return stored(id, AttestationSet.KIND, "attestations");
  }

  /** PEM, so {@code cosign verify-blob --key} and sigstore-js take it as it is. */
  @GetMapping("/api/signing/public-key")
  ResponseEntity<String> publicKey() {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
        .header("X-Key-Id", key.keyId()).body(key.publicKeyPem());
  }

  private ResponseEntity<byte[]> stored(String id, String kind, String what) {
    if (runs.find(id).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "release " + id + " not found");
    }
    StoredReport report = reports.latest(id, kind).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "release " + id + " has no " + what + " yet: validar makes them after the fetch"));
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(report.mediaType()))
        .body(report.body().getBytes(StandardCharsets.UTF_8));
  }
}
