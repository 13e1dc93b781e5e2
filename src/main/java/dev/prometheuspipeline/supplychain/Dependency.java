package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

/**
 * A third-party package a worker is built from, as its lock file or build file pins it. The SBOM lists
 * these and the vulnerability scan matches them against advisories, so both speak of the same thing.
 *
 * @param ecosystem where the package comes from
 * @param name the package's name in its ecosystem: {@code lodash}, {@code @scope/pkg}, or
 *     {@code group:artifact} for Maven
 * @param version the exact version the lock file resolved
 * @param purl the package URL (https://github.com/package-url/purl-spec), e.g. {@code pkg:npm/lodash@4.17.21}
 */
public record Dependency(Ecosystem ecosystem, String name, String version, String purl) {
  public Dependency {
    requireNonNull(ecosystem, "ecosystem");
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    requireNonNull(purl, "purl");
  }

  /** The package ecosystems the pipeline reads lock files of; names as OSV spells them. */
  public enum Ecosystem {
    NPM("npm"),
    MAVEN("Maven");

    private final String osvName;

    Ecosystem(String osvName) {
      this.osvName = osvName;
    }

    /** The ecosystem's name in OSV advisories ({@code affected[].package.ecosystem}). */
    public String osvName() {
      return osvName;
    }
  }
}
