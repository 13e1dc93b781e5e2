package dev.prometheuspipeline.corpus;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The documented disagreements between the engine and the validator on the public corpus, from
 * {@code src/test/resources/corpus/known-disagreements.tsv}: one line per model,
 * {@code path<TAB>OUTCOME<TAB>why}. The list may only shrink: a model not on it must agree, and a model on
 * it that now agrees must be taken off.
 */
final class KnownDisagreements {
  static final String RESOURCE = "/corpus/known-disagreements.tsv";

  /**
   * One documented disagreement.
   *
   * @param path the model's path in the jar
   * @param outcome how the validator and the engine disagree
   * @param why the cause, for the rule's owner
   * @param line where it is listed
   */
  record Known(String path, Judgement.Outcome outcome, String why, int line) {
    Known {
      requireNonNull(path, "path");
      requireNonNull(outcome, "outcome");
      requireNonNull(why, "why");
      if (outcome == Judgement.Outcome.AGREE) {
        throw new IllegalArgumentException(RESOURCE + ":" + line + ": AGREE is not a disagreement");
      }
      if (why.isBlank()) {
        throw new IllegalArgumentException(RESOURCE + ":" + line + ": say why " + path + " disagrees");
      }
    }
  }

  private final Map<String, Known> byPath;

  private KnownDisagreements(Map<String, Known> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  static KnownDisagreements load() {
    Map<String, Known> byPath = new LinkedHashMap<>();
    try (InputStream in = KnownDisagreements.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test resources");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", 3);
        if (fields.length != 3) {
          throw new IllegalArgumentException(
              RESOURCE + ":" + number + ": expected path<TAB>OUTCOME<TAB>why, got: " + line);
        }
        Known known = new Known(fields[0].strip(), Judgement.Outcome.valueOf(fields[1].strip()), fields[2].strip(), number);
        if (byPath.put(known.path(), known) != null) {
          throw new IllegalArgumentException(RESOURCE + ":" + number + ": " + known.path() + " is listed twice");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KnownDisagreements(byPath);
  }

  Optional<Known> of(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  Map<String, Known> all() {
    return byPath;
  }
}
