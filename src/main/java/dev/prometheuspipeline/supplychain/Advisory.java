package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A published vulnerability as an advisory source describes it, independent of which package version it was
 * found in.
 *
 * @param id the advisory's own id ({@code GHSA-…}, {@code CVE-…}, an OSV id)
 * @param aliases the other ids the same vulnerability goes by; never the id itself
 * @param title one line saying what is wrong
 * @param severity how bad it is; {@link VulnerabilitySeverity#UNKNOWN} when the source does not say
 * @param cvssScore the CVSS base score, when known
 * @param url where a person reads more, when known
 */
public record Advisory(String id, List<String> aliases, String title, VulnerabilitySeverity severity,
                       Optional<Double> cvssScore, Optional<String> url) {
  public Advisory {
    requireNonNull(id, "id");
    aliases = aliases.stream().filter(alias -> !alias.equals(id)).distinct().toList();
    title = title == null ? "" : title;
    requireNonNull(severity, "severity");
    requireNonNull(cvssScore, "cvssScore");
    requireNonNull(url, "url");
  }

  /** The id and every alias: the names a suppression or another source may use for this advisory. */
  public List<String> names() {
    return Stream.concat(Stream.of(id), aliases.stream()).toList();
  }

  /** Whether the two advisories share an id or alias, i.e. describe the same vulnerability. */
  public boolean sameAs(Advisory other) {
    return names().stream().anyMatch(other.names()::contains);
  }
}
