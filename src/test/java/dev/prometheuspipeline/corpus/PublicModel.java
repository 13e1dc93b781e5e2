package dev.prometheuspipeline.corpus;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One model of the public corpus, as it is stored in the engine's test jar, or that model with
 * {@code historyTimeToLive} added.
 *
 * @param path its path in the jar ({@code org/camunda/bpm/engine/test/bpmn/.../x.bpmn20.xml})
 * @param type what the engine deploys it as, by its suffix
 * @param content its bytes
 * @param withTimeToLive true for the copy with {@code camunda:historyTimeToLive} added to every process
 *     and decision that had none
 */
record PublicModel(String path, ArtifactType type, byte[] content, boolean withTimeToLive) {
  private static final String SHA = "7240000000000000000000000000000000000000";
  /** How {@link #id()} marks the copy with historyTimeToLive added. */
  static final String WITH_TIME_TO_LIVE = "+historyTimeToLive";

  private static final Pattern BPMN_OWNER = Pattern.compile("<((?:[\\w.-]+:)?process)\\b([^>]*?)(/?)>");
  private static final Pattern DMN_OWNER = Pattern.compile("<((?:[\\w.-]+:)?decision)\\b([^>]*?)(/?)>");
  private static final String BPMN_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final String DMN_NS = "http://camunda.org/schema/1.0/dmn";

  PublicModel {
    requireNonNull(path, "path");
    requireNonNull(type, "type");
    content = content.clone();
  }

  PublicModel(String path, ArtifactType type, byte[] content) {
    this(path, type, content, false);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The jar path, marked when historyTimeToLive was added: the key of the known-disagreements list. */
  String id() {
    return withTimeToLive ? path + WITH_TIME_TO_LIVE : path;
  }

  /** Where it was published: {@link PublicCorpus#ENGINE}, or the source its path starts with. */
  String source() {
    return PublicCorpus.sourceOf(path);
  }

  /** The last path segment: what the engine's own tests deploy it as, and what we deploy it as. */
  String resourceName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The model as a one-artifact release would carry it, at its jar path. */
  FetchedArtifact asArtifact() {
    return new FetchedArtifact(new Artifact(type, resourceName(), path, SHA), sha256(content), content.length, content);
  }

  /**
   * The engine's own tests run with {@code enforceHistoryTimeToLive=false}, so most of their models lack
   * it and a default 7.24 engine refuses them for that alone. This copy adds
   * {@code historyTimeToLive="180"} to every process or decision start tag without one (in the camunda
   * namespace, under the prefix the file already uses for it, else declared on the element), so the rest of
   * each model gets judged too. Empty when nothing needed adding or the file is not UTF-8 XML we can edit.
   */
  Optional<PublicModel> withHistoryTimeToLive() {
    if (withTimeToLive || (type != ArtifactType.BPMN && type != ArtifactType.DMN)) {
      return Optional.empty();
    }
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.contains("\uFFFD")) {
      return Optional.empty();
    }
    String namespace = type == ArtifactType.BPMN ? BPMN_NS : DMN_NS;
    Matcher declared = Pattern.compile("xmlns:([\\w.-]+)\\s*=\\s*[\"']" + Pattern.quote(namespace) + "[\"']").matcher(text);
    String prefix = declared.find() ? declared.group(1) : "";
    Matcher owner = (type == ArtifactType.BPMN ? BPMN_OWNER : DMN_OWNER).matcher(text);
    StringBuilder patched = new StringBuilder();
    boolean changed = false;
    while (owner.find()) {
      String attributes = owner.group(2);
      String replacement = owner.group();
      if (!attributes.contains("historyTimeToLive")) {
        String added = prefix.isEmpty()
            ? " xmlns:camunda=\"" + namespace + "\" camunda:historyTimeToLive=\"180\""
            : " " + prefix + ":historyTimeToLive=\"180\"";
        replacement = "<" + owner.group(1) + attributes + added + owner.group(3) + ">";
        changed = true;
      }
      owner.appendReplacement(patched, Matcher.quoteReplacement(replacement));
    }
    owner.appendTail(patched);
    if (!changed) {
      return Optional.empty();
    }
    return Optional.of(new PublicModel(path, type, patched.toString().getBytes(StandardCharsets.UTF_8), true));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
