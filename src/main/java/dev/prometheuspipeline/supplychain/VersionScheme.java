package dev.prometheuspipeline.supplychain;

import java.util.Comparator;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.semver4j.Semver;

/**
 * How versions of one kind are ordered, so an advisory's range can be checked against an exact version.
 * Both orders come from the ecosystems' own rules as libraries implement them (semver4j follows node-semver;
 * {@link ComparableVersion} is Maven's), never from string comparison.
 */
enum VersionScheme {
  /** Semantic versioning as npm orders it; OSV's {@code SEMVER} ranges and npm's {@code ECOSYSTEM} ranges. */
  SEMVER {
    @Override
    boolean accepts(String version) {
      return isOsvZero(version) || Semver.parse(version) != null;
    }

    @Override
    Comparator<String> order() {
      return Comparator.comparing(version -> isOsvZero(version) ? Semver.ZERO : Semver.parse(version));
    }
  },
  /** Maven's version order: {@code 1.0-alpha < 1.0 < 1.0.1}, qualifiers included. */
  MAVEN {
    @Override
    boolean accepts(String version) {
      return version != null && !version.isBlank();
    }

    @Override
    Comparator<String> order() {
      return Comparator.comparing(ComparableVersion::new);
    }
  };

  /** Whether the text is a version this scheme can order; OSV's {@code "0"} ("since the first") always is. */
  abstract boolean accepts(String version);

  /** The order of versions this scheme {@link #accepts accepts}; undefined for others. */
  abstract Comparator<String> order();

  /** The scheme of an OSV range: {@code SEMVER} is semver; {@code ECOSYSTEM} is the ecosystem's own order. */
  static VersionScheme forRange(String rangeType, Dependency.Ecosystem ecosystem) {
    if ("SEMVER".equals(rangeType)) {
      return SEMVER;
    }
    return ecosystem == Dependency.Ecosystem.NPM ? SEMVER : MAVEN;
  }

  private static boolean isOsvZero(String version) {
    return "0".equals(version);
  }
}
