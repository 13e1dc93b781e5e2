package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.supplychain.BundleVerification.Outcome;
import dev.prometheuspipeline.supplychain.BundleVerifier.DsseVerification;
import dev.prometheuspipeline.supplychain.ProvenanceInput.Subject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A release's SLSA provenance v1 as an in-toto Statement v1, and the check of a signed one.
 */
public final class Provenance {
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
  /** Ours, stable: what {@code externalParameters} mean is defined by this pipeline's release contract. */
  public static final String BUILD_TYPE = "https://prometheuspipeline.dev/provenance/release/v1";
  /** Report kind of the statement in the run store, beside its signature in the attestations. */
  public static final String REPORT_KIND = "provenance";
  public static final String MEDIA_TYPE = "application/vnd.in-toto+json";

  private Provenance() {}

  /**
   * The statement as JSON: one subject per artifact named {@code <path>@<sha>} with its {@code sha256}; the
   * release's parameters as {@code externalParameters}; the run as {@code runDetails}. The same input gives the same
   * bytes.
   */
  public static String statement(ProvenanceInput input) {
    requireNonNull(input, "input");
    List<Descriptor> subjects = input.subjects().stream()
        .map(subject -> new Descriptor(subject.name(), null, Map.of("sha256", subject.sha256())))
        .toList();
    List<Descriptor> dependencies = input.resolvedDependencies().stream()
        .map(dependency -> new Descriptor(null, dependency.uri(), dependency.sortedDigest()))
        .toList();
    ExternalParameters parameters = new ExternalParameters(input.releaseRef(), input.repository(), input.commits(),
        input.intentId(), input.planId().orElse(null));
    Statement statement = new Statement(STATEMENT_TYPE, subjects, PREDICATE_TYPE, new Predicate(
        new BuildDefinition(BUILD_TYPE, parameters, dependencies),
        new RunDetails(new Builder(input.builderId()), new Metadata(input.runId(),
            input.startedOn().toString(), input.finishedOn().toString()))));
    try {
      return ArtifactSigner.JSON.writeValueAsString(statement);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a statement of strings always serializes", e);
    }
  }

  /**
   * Checks a signed provenance bundle (DSSE, see {@link ArtifactSigner#signStatement}): first the signature over
   * the envelope's pre-authentication encoding with {@code publicKeyPem}, then that the statement is an in-toto v1
   * SLSA provenance v1 statement naming each of {@code expected} with the same SHA-256. Subjects beyond the
   * expected ones are allowed: one statement covers a release, a check may be about some of its artifacts.
   *
   * @throws SigningKeyException when {@code publicKeyPem} is not an EC P-256 public key
   */
  public static BundleVerification verify(String bundleJson, String publicKeyPem, List<Subject> expected) {
    requireNonNull(expected, "expected");
    DsseVerification envelope = new BundleVerifier().verifyEnvelope(bundleJson, publicKeyPem);
    if (!envelope.verification().ok()) {
      return envelope.verification();
    }
    return checkStatement(envelope.payload().orElseThrow(), expected);
  }

  /**
   * Checks a signed statement's bytes (the signature already checked): an in-toto v1 SLSA provenance v1 statement
   * naming each of {@code expected} with the same SHA-256.
   */
  static BundleVerification checkStatement(byte[] signedPayload, List<Subject> expected) {
    String payload = new String(signedPayload, StandardCharsets.UTF_8);
    JsonNode statement;
    try {
      statement = ArtifactSigner.JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      return BundleVerification.malformed("the signed statement is not JSON (" + e.getOriginalMessage() + ")");
    }
    if (!STATEMENT_TYPE.equals(statement.path("_type").asText())) {
      return BundleVerification.malformed("the signed statement's _type is '" + statement.path("_type").asText()
          + "', expected '" + STATEMENT_TYPE + "'");
    }
    if (!PREDICATE_TYPE.equals(statement.path("predicateType").asText())) {
      return BundleVerification.malformed("the signed statement's predicateType is '"
          + statement.path("predicateType").asText() + "', expected '" + PREDICATE_TYPE + "'");
    }
    for (Subject subject : expected) {
      BundleVerification found = findSubject(statement.path("subject"), subject);
      if (!found.ok()) {
        return found;
      }
    }
    return BundleVerification.OK;
  }

  private static BundleVerification findSubject(JsonNode subjects, Subject expected) {
    for (JsonNode subject : subjects) {
      if (expected.name().equals(subject.path("name").asText())) {
        String signed = subject.path("digest").path("sha256").asText("");
        if (signed.equalsIgnoreCase(expected.sha256())) {
          return BundleVerification.OK;
        }
        return new BundleVerification(Outcome.SUBJECT_MISMATCH, "the artifact's bytes are not the ones the"
            + " provenance names: " + expected.name() + " has digest " + expected.sha256() + ", statement says "
            + (signed.isEmpty() ? "no sha256" : signed));
      }
    }
    return new BundleVerification(Outcome.SUBJECT_MISMATCH, "the provenance names no subject " + expected.name());
  }

  @JsonPropertyOrder({"_type", "subject", "predicateType", "predicate"})
  private record Statement(@JsonProperty("_type") String type, List<Descriptor> subject, String predicateType,
                           Predicate predicate) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"name", "uri", "digest"})
  private record Descriptor(String name, String uri, Map<String, String> digest) {}

  @JsonPropertyOrder({"buildDefinition", "runDetails"})
  private record Predicate(BuildDefinition buildDefinition, RunDetails runDetails) {}

  @JsonPropertyOrder({"buildType", "externalParameters", "resolvedDependencies"})
  private record BuildDefinition(String buildType, ExternalParameters externalParameters,
                                 List<Descriptor> resolvedDependencies) {}

  /** Key names in the contract's snake case, as the release's own parameters are spelled on the wire. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"release_ref", "repository", "commits", "intent_id", "plan_id"})
  private record ExternalParameters(@JsonProperty("release_ref") String releaseRef, String repository,
                                    List<String> commits, @JsonProperty("intent_id") String intentId,
                                    @JsonProperty("plan_id") String planId) {}

  @JsonPropertyOrder({"builder", "metadata"})
  private record RunDetails(Builder builder, Metadata metadata) {}

  private record Builder(String id) {}

  @JsonPropertyOrder({"invocationId", "startedOn", "finishedOn"})
  private record Metadata(String invocationId, String startedOn, String finishedOn) {}
}
