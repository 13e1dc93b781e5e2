package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The suppressions file of an artifacts repository ({@code .prometheus/suppressions.yaml}): a YAML list
 * of {@code {id, reason, owner, expires}}, or the same list under a top-level {@code suppressions:} key.
 * An entry missing any field does not suppress anything; each missing field is a problem naming the entry.
 */
public final class Suppressions {
  /** Where an artifacts repository keeps its suppressions. */
  public static final String FILE = ".prometheus/suppressions.yaml";

  private static final ObjectMapper YAML = new YAMLMapper();

  private final List<Suppression> entries;
  private final List<String> problems;

  private Suppressions(List<Suppression> entries, List<String> problems) {
    this.entries = List.copyOf(entries);
    this.problems = List.copyOf(problems);
  }

  /** No suppressions: every vulnerability counts. */
  public static Suppressions none() {
    return new Suppressions(List.of(), List.of());
  }

  /** Suppressions given as values, e.g. by a test or another store. */
  public static Suppressions of(List<Suppression> entries) {
    return new Suppressions(entries, List.of());
  }

  /**
   * Reads the file's text. Never throws for a user's mistake: unreadable YAML, a wrong shape, or an entry
   * missing {@code reason}, {@code owner} or {@code expires} (an ISO date, {@code 2026-11-01}) becomes a
   * problem naming {@code fileName} and the entry's index; the valid entries still apply.
   */
  public static Suppressions parse(String yaml, String fileName) {
    List<Suppression> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = yaml == null || yaml.isBlank() ? null : YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      problems.add(fileName + ": not YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
          + "; no suppression applies until it is fixed");
      return new Suppressions(entries, problems);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return new Suppressions(entries, problems);
    }
    JsonNode list = root.isObject() && root.has("suppressions") ? root.get("suppressions") : root;
    if (list.isNull()) {
      return new Suppressions(entries, problems);
    }
    if (!list.isArray()) {
      problems.add(fileName + ": expected a list of suppressions ({id, reason, owner, expires}), found "
          + list.getNodeType().toString().toLowerCase() + "; no suppression applies until it is fixed");
      return new Suppressions(entries, problems);
    }
    for (int index = 0; index < list.size(); index++) {
      entry(list.get(index), fileName + ": suppression [" + index + "]", problems).ifPresent(entries::add);
    }
    return new Suppressions(entries, problems);
  }

  /** The entries that are complete; expired ones included (a scan says they expired). */
  public List<Suppression> entries() {
    return entries;
  }

  /** What was wrong with the file, each naming the entry; empty when every entry was complete. */
  public List<String> problems() {
    return problems;
  }

  /**
   * The suppression covering the advisory, matched by its id or any alias. An unexpired one wins over an
   * expired one, so renewing a suppression by adding a new entry works without deleting the old.
   */
  public Optional<Suppression> covering(Advisory advisory, LocalDate today) {
    List<Suppression> matching = entries.stream()
        .filter(suppression -> advisory.names().contains(suppression.id()))
        .toList();
    return matching.stream().filter(suppression -> !suppression.expiredOn(today)).findFirst()
        .or(() -> matching.stream().findFirst());
  }

  private static Optional<Suppression> entry(JsonNode node, String where, List<String> problems) {
    if (!node.isObject()) {
      problems.add(where + " is not a map of id, reason, owner and expires");
      return Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    String id = text(node, "id", missing);
    String reason = text(node, "reason", missing);
    String owner = text(node, "owner", missing);
    String expiresText = text(node, "expires", missing);
    String named = id == null ? where : where + " (" + id + ")";
    missing.forEach(field -> problems.add(named + " has no " + field + "; add it, or the suppression does not apply"));
    LocalDate expires = null;
    if (expiresText != null) {
      try {
        expires = LocalDate.parse(expiresText);
      } catch (DateTimeParseException e) {
        problems.add(named + " expires \"" + expiresText + "\" is not an ISO date like 2026-11-01; "
            + "the suppression does not apply");
      }
    }
    if (!missing.isEmpty() || expires == null) {
      return Optional.empty();
    }
    return Optional.of(new Suppression(id, reason, owner, expires));
  }

  private static String text(JsonNode node, String field, List<String> missing) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      missing.add(field);
      return null;
    }
    return value.asText().trim();
  }
}
