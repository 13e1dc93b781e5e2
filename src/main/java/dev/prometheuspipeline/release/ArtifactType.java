package dev.prometheuspipeline.release;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of artifact a release carries; {@link #wireName()} is the contract's {@code tipo}. */
public enum ArtifactType {
  BPMN("bpmn", ".bpmn"),
  DMN("dmn", ".dmn"),
  FORM("form", ".form"),
  HTML("html", ".html"),
  /** Worker code, from the workers repository; deployed through its deploy hook, not the engine. */
  WORKER("worker", "");

  private final String wireName;
  private final String extension;

  ArtifactType(String wireName, String extension) {
    this.wireName = wireName;
    this.extension = extension;
  }

  public String wireName() {
    return wireName;
  }

  /** File extension including the dot; empty for {@link #WORKER}, whose path may be a folder. */
  public String extension() {
    return extension;
  }

  /** True for the types a Camunda engine takes in a deployment. */
  public boolean isEngineResource() {
    return this != WORKER;
  }

  public static Optional<ArtifactType> fromWire(String tipo) {
    if (tipo == null) {
      return Optional.empty();
    }
    String wanted = tipo.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wanted)).findFirst();
  }

  /** The engine resource type for a file name, by extension; empty when the engine does not take it. */
  public static Optional<ArtifactType> ofFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(ArtifactType::isEngineResource)
        .filter(t -> lower.endsWith(t.extension))
        .findFirst();
  }
}
