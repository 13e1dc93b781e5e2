package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contract's {@code contexto} (seed 004, section 3.3): the wire shape, key names fixed by the contract.
 * Built only through {@link #parse}, which names the first offending field and says how to fix it.
 *
 * @param artefatos may be empty only for {@code implantar}, which then deploys what was validated
 * @param intentId seed 001's {@code intent_id}: the intent a generated release carries out; empty when absent.
 *     The provenance records it.
 * @param planId seed 001's {@code plan_id}; empty when absent
 */
public record Contexto(Modo modo, String releaseRef, String sprintOrigem, List<Artifact> artefatos, String intentId,
    String planId) {
  /**
   * The most artifacts one release may list: every stage reads, signs and reports each of them, and one
   * approval is asked for all; a larger delivery is several releases.
   */
  public static final int MAX_ARTEFATOS = 1000;
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");
  private static final Pattern SAFE_REF = Pattern.compile("[\\p{L}\\p{N}._:/@+#-]{1,200}");

  public Contexto {
    requireNonNull(modo, "modo");
    requireNonNull(releaseRef, "releaseRef");
    sprintOrigem = sprintOrigem == null ? "" : sprintOrigem;
    artefatos = List.copyOf(artefatos);
    intentId = intentId == null ? "" : intentId;
    planId = planId == null ? "" : planId;
  }

  /** A contexto without seed 001's intent and plan ids. */
  public Contexto(Modo modo, String releaseRef, String sprintOrigem, List<Artifact> artefatos) {
    this(modo, releaseRef, sprintOrigem, artefatos, "", "");
  }

  /**
   * Reads a {@code contexto} object. {@code fallbackModo} is used when the object has no {@code modo}
   * (a backlog row may carry it in its own column, as the seed's insert does).
   */
  public static Contexto parse(JsonNode node, Optional<Modo> fallbackModo) {
    if (node == null || !node.isObject()) {
      throw new InvalidContextoException("contexto", "must be a JSON object with modo, release_ref and artefatos");
    }
    Modo modo = parseModo(node.get("modo"), fallbackModo);
    String releaseRef = requiredText(node, "release_ref", "contexto.release_ref",
        "give the release's reference, e.g. \"r-2025-12-18\"");
    if (!SAFE_REF.matcher(releaseRef).matches()) {
      throw new InvalidContextoException("contexto.release_ref",
          "use at most 200 letters, digits and . _ : / @ + # - (no spaces)");
    }
    String sprint = optionalText(node, "sprint_origem", "contexto.sprint_origem");
    List<Artifact> artefatos = parseArtefatos(node.get("artefatos"), modo);
    return new Contexto(modo, releaseRef, sprint, artefatos, optionalReference(node, "intent_id"),
        optionalReference(node, "plan_id"));
  }

  private static Modo parseModo(JsonNode value, Optional<Modo> fallback) {
    if (value == null || value.isNull()) {
      return fallback.orElseThrow(() -> new InvalidContextoException("contexto.modo",
          "missing; use \"validar\" or \"implantar\""));
    }
    if (!value.isTextual()) {
      throw new InvalidContextoException("contexto.modo", "must be the string \"validar\" or \"implantar\"");
    }
    return Modo.fromWire(value.asText()).orElseThrow(() -> new InvalidContextoException("contexto.modo",
        "unknown value \"" + value.asText() + "\"; use \"validar\" or \"implantar\""));
  }

  private static List<Artifact> parseArtefatos(JsonNode value, Modo modo) {
    if (value == null || value.isNull()) {
      if (modo == Modo.IMPLANTAR) {
        return List.of();
      }
      throw new InvalidContextoException("contexto.artefatos", "missing; list the artifacts to validate");
    }
    if (!value.isArray()) {
      throw new InvalidContextoException("contexto.artefatos", "must be an array of {tipo, arquivo, path, sha}");
    }
    if (value.isEmpty() && modo == Modo.VALIDAR) {
      throw new InvalidContextoException("contexto.artefatos", "is empty; a release needs at least one artifact");
    }
    if (value.size() > MAX_ARTEFATOS) {
      throw new InvalidContextoException("contexto.artefatos", "lists " + value.size() + " artifacts; a release"
          + " takes at most " + MAX_ARTEFATOS + ": split it into several releases");
    }
    List<Artifact> artifacts = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < value.size(); i++) {
      String at = "contexto.artefatos[" + i + "]";
      Artifact artifact = parseArtefato(value.get(i), at);
      Integer earlier = seen.putIfAbsent(artifact.type() == ArtifactType.WORKER ? "worker:" + artifact.path()
          : artifact.path(), i);
      if (earlier != null) {
        throw new InvalidContextoException(at + ".path",
            "\"" + artifact.path() + "\" is already listed at contexto.artefatos[" + earlier + "]");
      }
      artifacts.add(artifact);
    }
    return artifacts;
  }

  private static Artifact parseArtefato(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      throw new InvalidContextoException(at, "must be an object {tipo, arquivo, path, sha}");
    }
    String tipo = requiredText(node, "tipo", at + ".tipo", "use bpmn, dmn, form, html or worker");
    ArtifactType type = ArtifactType.fromWire(tipo).orElseThrow(() -> new InvalidContextoException(at + ".tipo",
        "unknown value \"" + tipo + "\"; use bpmn, dmn, form, html or worker"));
    String path = requiredText(node, "path", at + ".path", "give the file's path in the repository");
    checkRelativePath(path, at + ".path");
    if (type.isEngineResource() && !path.toLowerCase().endsWith(type.extension())) {
      throw new InvalidContextoException(at + ".path",
          "\"" + path + "\" does not end in " + type.extension() + " but tipo is " + type.wireName());
    }
    String sha = requiredText(node, "sha", at + ".sha", "give the commit SHA the artifact is pinned to");
    if (!SHA.matcher(sha).matches()) {
      throw new InvalidContextoException(at + ".sha",
          "\"" + sha + "\" is not a commit SHA (7 to 64 hexadecimal characters)");
    }
    String arquivo = optionalText(node, "arquivo", at + ".arquivo");
    if (arquivo.isEmpty()) {
      arquivo = path.substring(path.lastIndexOf('/') + 1);
    }
    return new Artifact(type, arquivo, path, sha.toLowerCase(), confianca(node.get("confianca"), at + ".confianca"));
  }

  /** Seed 001's {@code confidence} of a generated artifact, on the wire in Portuguese as the contract's keys are. */
  private static Double confianca(JsonNode value, String field) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1 || Double.isNaN(value.asDouble())) {
      throw new InvalidContextoException(field, "must be a number from 0 to 1 (the generating agent's"
          + " confidence, e.g. 0.85), was " + value);
    }
    return value.asDouble();
  }

  /**
   * The lowest {@code confianca} among the generated artifacts; empty when no artifact declares one.
   * The approval routing compares it with its threshold.
   */
  public Optional<Double> lowestConfidence() {
    return artefatos.stream().map(Artifact::confidence).filter(c -> c != null).min(Double::compare);
  }

  /** Paths are repository-relative with forward slashes; anything that could leave the repository is refused. */
  static void checkRelativePath(String path, String field) {
    String problem = null;
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      problem = "is absolute; give it relative to the repository root";
    } else if (path.contains("\\")) {
      problem = "contains a backslash; use forward slashes";
    } else if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      problem = "contains control characters";
    } else {
      for (String segment : path.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          problem = "has an empty, '.' or '..' segment; give a plain path inside the repository";
          break;
        }
      }
    }
    if (problem != null) {
      throw new InvalidContextoException(field, "\"" + path.replaceAll("\\p{Cntrl}", "?") + "\" " + problem);
    }
  }

  private static String requiredText(JsonNode node, String key, String field, String fix) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new InvalidContextoException(field, "missing; " + fix);
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InvalidContextoException(field, "must be a non-empty string; " + fix);
    }
    return value.asText().trim();
  }

  private static String optionalText(JsonNode node, String key, String field) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw new InvalidContextoException(field, "must be a string");
    }
    return value.asText().trim();
  }

  private static String optionalReference(JsonNode node, String key) {
    String value = optionalText(node, key, "contexto." + key);
    if (!value.isEmpty() && !SAFE_REF.matcher(value).matches()) {
      throw new InvalidContextoException("contexto." + key,
          "use at most 200 letters, digits and . _ : / @ + # - (no spaces)");
    }
    return value;
  }

  /** The wire form, as stored with the run and echoed by the API; the optional ids only when given. */
  public ObjectNode toJson(ObjectMapper json) {
    ObjectNode node = json.createObjectNode();
    node.put("modo", modo.wireName());
    node.put("release_ref", releaseRef);
    node.put("sprint_origem", sprintOrigem);
    ArrayNode list = node.putArray("artefatos");
    for (Artifact artifact : artefatos) {
      ObjectNode item = list.addObject()
          .put("tipo", artifact.type().wireName())
          .put("arquivo", artifact.file())
          .put("path", artifact.path())
          .put("sha", artifact.sha());
      if (artifact.confidence() != null) {
        item.put("confianca", artifact.confidence());
      }
    }
    if (!intentId.isEmpty()) {
      node.put("intent_id", intentId);
    }
    if (!planId.isEmpty()) {
      node.put("plan_id", planId);
    }
    return node;
  }
}
