package targetengine;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Fetched artifacts as the fetch stage hands them over, built from text in the tests. */
public final class Artifacts {
  private static final String SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  private Artifacts() {}

  /** A product folder name no other test uses, so changed-only filtering sees only this test's deployments. */
  public static String uniqueProduct(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A release of two products: {@code genesis} with one file of each engine type, {@code prometheus} with
   * one process. Only the order process's name depends on {@code orderLabel}, so two labels make two
   * releases that differ in {@code <genesis>/bpmn/order.bpmn} alone.
   */
  public static List<FetchedArtifact> twoProductRelease(String genesis, String prometheus, String orderLabel) {
    return List.of(
        fetched(ArtifactType.BPMN, genesis + "/bpmn/order.bpmn", Models.bpmn(genesis + "_order", orderLabel)),
        fetched(ArtifactType.DMN, genesis + "/dmn/limits.dmn", Models.dmn(genesis + "_limits", "Limits")),
        fetched(ArtifactType.FORM, genesis + "/forms/approve.form", Models.form(genesis + "_approve", "Approve")),
        fetched(ArtifactType.HTML, genesis + "/forms/approve.html", Models.html("Approve")),
        fetched(ArtifactType.BPMN, prometheus + "/order.bpmn", Models.bpmn(prometheus + "_order", "Order")));
  }

  public static FetchedArtifact fetched(ArtifactType type, String path, String content) {
    byte[] bytes = content.getBytes(UTF_8);
    String file = path.substring(path.lastIndexOf('/') + 1);
    return new FetchedArtifact(new Artifact(type, file, path, SHA), sha256(bytes), bytes.length, bytes);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
