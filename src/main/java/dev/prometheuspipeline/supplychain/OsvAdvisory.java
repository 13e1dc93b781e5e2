package dev.prometheuspipeline.supplychain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One usable OSV advisory: the document as read, and the advisory it describes. */
record OsvAdvisory(OsvDocument document, Advisory advisory, Optional<String> scoreProblem) {

  /** What makes the document unusable, each as a phrase naming the field; empty when it can be matched. */
  static List<String> faults(OsvDocument document) {
    List<String> faults = new ArrayList<>();
    if (document.id() == null || document.id().isBlank()) {
      faults.add("it has no \"id\"; every OSV advisory needs one");
    }
    for (int a = 0; a < document.affected().size(); a++) {
      OsvDocument.Affected affected = document.affected().get(a);
      String where = "affected[" + a + "]";
      if (affected.pkg() == null || blank(affected.pkg().ecosystem()) || blank(affected.pkg().name())) {
        faults.add(where + ".package needs an \"ecosystem\" and a \"name\"");
        continue;
      }
      Optional<Dependency.Ecosystem> ecosystem = ecosystem(affected.pkg().ecosystem());
      for (int r = 0; r < affected.ranges().size(); r++) {
        OsvDocument.Range range = affected.ranges().get(r);
        String rangeWhere = where + ".ranges[" + r + "]";
        if (!"SEMVER".equals(range.type()) && !"ECOSYSTEM".equals(range.type()) && !"GIT".equals(range.type())) {
          faults.add(rangeWhere + ".type is " + quoted(range.type()) + "; OSV knows SEMVER, ECOSYSTEM and GIT");
          continue;
        }
        if (range.events().isEmpty()) {
          faults.add(rangeWhere + " has no \"events\"");
        }
        if ("GIT".equals(range.type()) || ecosystem.isEmpty()) {
          continue; // commit ranges and other ecosystems never match a package version here
        }
        VersionScheme scheme = VersionScheme.forRange(range.type(), ecosystem.get());
        for (int e = 0; e < range.events().size(); e++) {
          OsvDocument.Event event = range.events().get(e);
          String eventWhere = rangeWhere + ".events[" + e + "]";
          if (event.kinds() != 1) {
            faults.add(eventWhere + " must have exactly one of introduced, fixed, last_affected, limit");
          } else if (!scheme.accepts(event.version())) {
            faults.add(eventWhere + " version " + quoted(event.version()) + " is not a "
                + scheme.name().toLowerCase() + " version");
          }
        }
      }
    }
    return faults;
  }

  /** The advisory of a document that has no {@link #faults faults}. */
  static OsvAdvisory of(OsvDocument document) {
    Optional<String> v3 = document.severity().stream()
        .filter(severity -> "CVSS_V3".equals(severity.type()) && severity.score() != null)
        .map(OsvDocument.Severity::score)
        .findFirst();
    Optional<Double> score = v3.flatMap(CvssBaseScore::ofV3);
    Optional<String> scoreProblem = v3.isPresent() && score.isEmpty()
        ? Optional.of("CVSS_V3 vector " + v3.get() + " cannot be scored; its severity is taken from elsewhere")
        : Optional.empty();
    // CVSS v4 vectors are not scored: the calculator library reads v2 and v3 only, so v4 falls back below.
    SeverityChoice choice = new SeverityChoice(score, document.databaseSpecific().get("severity"));
    Optional<String> url = document.references().stream()
        .filter(reference -> reference.url() != null)
        .sorted(Comparator.comparing(reference -> "ADVISORY".equals(reference.type()) ? 0 : 1))
        .map(OsvDocument.Reference::url)
        .findFirst();
    Advisory advisory = new Advisory(document.id(), document.aliases(),
        document.summary(), choice.severity(), score, url);
    return new OsvAdvisory(document, advisory, scoreProblem);
  }

  /**
   * Whether the dependency's exact version is among the advisory's affected versions: listed outright, or
   * inside one of its ranges. A version the range's scheme cannot order is added to the problems.
   */
  boolean affects(Dependency dependency, Collection<String> problems) {
    for (OsvDocument.Affected affected : document.affected()) {
      if (!dependency.ecosystem().osvName().equals(affected.pkg().ecosystem())
          || !dependency.name().equals(affected.pkg().name())) {
        continue;
      }
      if (affected.versions().contains(dependency.version())) {
        return true;
      }
      for (OsvDocument.Range range : affected.ranges()) {
        if ("GIT".equals(range.type())) {
          continue;
        }
        VersionScheme scheme = VersionScheme.forRange(range.type(), dependency.ecosystem());
        if (!scheme.accepts(dependency.version())) {
          problems.add(dependency.name() + "@" + dependency.version() + ": not a " + scheme.name().toLowerCase()
              + " version, so the ranges of " + advisory.id() + " could not be checked against it");
          continue;
        }
        if (inRange(dependency.version(), range, scheme)) {
          return true;
        }
      }
    }
    return false;
  }

  /** OSV's evaluation: walk the events in version order; introduced opens, fixed and last_affected close. */
  private static boolean inRange(String version, OsvDocument.Range range, VersionScheme scheme) {
    Comparator<String> order = scheme.order();
    boolean affected = false;
    for (OsvDocument.Event event : range.events().stream()
        .sorted(Comparator.comparing(OsvDocument.Event::version, order)).toList()) {
      if (event.introduced() != null && order.compare(version, event.introduced()) >= 0) {
        affected = true;
      } else if (event.fixed() != null && order.compare(version, event.fixed()) >= 0) {
        affected = false;
      } else if (event.lastAffected() != null && order.compare(version, event.lastAffected()) > 0) {
        affected = false;
      }
    }
    boolean belowLimits = range.events().stream()
        .filter(event -> event.limit() != null)
        .allMatch(event -> order.compare(version, event.limit()) < 0);
    return affected && belowLimits;
  }

  private static Optional<Dependency.Ecosystem> ecosystem(String osvName) {
    return Arrays.stream(Dependency.Ecosystem.values())
        .filter(ecosystem -> ecosystem.osvName().equals(osvName))
        .findFirst();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static String quoted(String text) {
    return text == null ? "missing" : "\"" + text + "\"";
  }

  /** CVSS v3 score first (computed, so comparable across sources), then the database's own word. */
  private record SeverityChoice(Optional<Double> score, Object databaseSeverity) {
    VulnerabilitySeverity severity() {
      return score.map(VulnerabilitySeverity::ofCvssScore)
          .filter(rated -> rated != VulnerabilitySeverity.UNKNOWN)
          .or(() -> VulnerabilitySeverity.ofName(databaseSeverity instanceof String word ? word : null))
          .orElse(VulnerabilitySeverity.UNKNOWN);
    }
  }
}
