package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What {@code dmn/deploy-gate.dmn} decides on before an environment's deploy: whether every engine
 * resource about to be sent still has the digest it was validated with, and whether MS_PRODUTO approved
 * the release.
 *
 * @param digestProblems the artifacts whose bytes differ, one line each, bounded; empty when none
 */
public record DeployEvidence(boolean digestsMatch, String digestProblems, boolean releaseApproved) {
  private static final int MAX_LISTED = 10;

  /**
   * Hashes again the stored bytes that will be deployed. Workers are skipped: they deploy by commit, and
   * the agent checks the commit out itself.
   */
  public static DeployEvidence of(List<FetchedArtifact> artifacts, boolean releaseApproved) {
    List<String> differ = artifacts.stream()
        .filter(a -> a.type().isEngineResource())
        .filter(a -> !sha256(a.content()).equalsIgnoreCase(a.digest()))
        .map(a -> a.path() + " has sha256 " + sha256(a.content()) + " but was validated as " + a.digest())
        .toList();
    String listed = String.join("; ", differ.subList(0, Math.min(differ.size(), MAX_LISTED)))
        + (differ.size() > MAX_LISTED ? "; and " + (differ.size() - MAX_LISTED) + " more" : "");
    return new DeployEvidence(differ.isEmpty(), listed, releaseApproved);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
