package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder of OSV advisories (schema 1.7), read once, matched offline: the source for Maven packages, and
 * for npm packages where the registry cannot be asked. Withdrawn advisories are left out; a file that is
 * not a usable advisory is refused with a problem naming it, so one bad file never hides the others.
 */
public final class OsvAdvisories implements AdvisorySource {
  /** Larger files are refused unread: real advisories are a few kilobytes, and the folder may be anyone's. */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final Path directory;
  private final List<OsvAdvisory> advisories;
  private final List<String> problems;

  private OsvAdvisories(Path directory, List<OsvAdvisory> advisories, List<String> problems) {
    this.directory = directory;
    this.advisories = List.copyOf(advisories);
    this.problems = List.copyOf(problems);
  }

  /**
   * Reads every {@code *.json} file under the folder, sub-folders included. Never throws for a bad file or a
   * missing folder: each becomes a {@link #problems() problem}, and {@link #advisories} repeats them so a
   * scan's report shows them.
   */
  public static OsvAdvisories load(Path directory) {
    List<OsvAdvisory> advisories = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      problems.add("OSV advisories folder " + directory + " does not exist or is not a folder; "
          + "vulnerabilities it would list are unknown");
      return new OsvAdvisories(directory, advisories, problems);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(file -> file.getFileName().toString().endsWith(".json"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      problems.add("OSV advisories folder " + directory + " could not be listed: " + e.getMessage()
          + "; vulnerabilities it would list are unknown");
      return new OsvAdvisories(directory, advisories, problems);
    }
    for (Path file : files) {
      read(directory.relativize(file).toString(), file, problems).ifPresent(advisories::add);
    }
    return new OsvAdvisories(directory, advisories, problems);
  }

  /** What was wrong with the folder or its files; empty when every file was a usable advisory. */
  public List<String> problems() {
    return problems;
  }

  /** How many advisories were read and count (withdrawn and refused ones do not). */
  public int size() {
    return advisories.size();
  }

  @Override
  public String name() {
    return "OSV advisories in " + directory;
  }

  @Override
  public AdvisoryAnswer advisories(List<Dependency> dependencies) {
    List<AffectedDependency> affected = new ArrayList<>();
    Set<String> matchProblems = new LinkedHashSet<>();
    for (Dependency dependency : dependencies) {
      for (OsvAdvisory advisory : advisories) {
        if (advisory.affects(dependency, matchProblems)) {
          affected.add(new AffectedDependency(dependency, advisory.advisory()));
        }
      }
    }
    List<String> all = new ArrayList<>(problems);
    all.addAll(matchProblems);
    return new AdvisoryAnswer(affected, all);
  }

  private static Optional<OsvAdvisory> read(String name, Path file, List<String> problems) {
    OsvDocument document;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        problems.add(name + ": refused, " + size + " bytes is over the " + MAX_FILE_BYTES
            + "-byte limit for one advisory; split it or remove it");
        return Optional.empty();
      }
      document = JSON.readValue(file.toFile(), OsvDocument.class);
    } catch (JsonProcessingException e) {
      problems.add(name + ": not an OSV advisory, " + describe(e) + "; fix or remove the file");
      return Optional.empty();
    } catch (IOException e) {
      problems.add(name + ": could not be read: " + e.getMessage());
      return Optional.empty();
    }
    if (document == null) {
      problems.add(name + ": empty; an OSV advisory is a JSON object with an \"id\"");
      return Optional.empty();
    }
    if (document.withdrawn() != null) {
      return Optional.empty();
    }
    List<String> faults = OsvAdvisory.faults(document);
    if (!faults.isEmpty()) {
      String id = document.id() == null ? "" : " (" + document.id() + ")";
      faults.forEach(fault -> problems.add(name + id + ": refused, " + fault));
      return Optional.empty();
    }
    OsvAdvisory advisory = OsvAdvisory.of(document);
    advisory.scoreProblem().ifPresent(fault -> problems.add(name + " (" + document.id() + "): " + fault));
    return Optional.of(advisory);
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where = location == null || location.getLineNr() < 0 ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return e.getOriginalMessage().lines().findFirst().orElse("unreadable JSON") + where;
  }
}
