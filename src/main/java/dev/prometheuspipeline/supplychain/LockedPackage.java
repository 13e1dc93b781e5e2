package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.prometheuspipeline.supplychain.Dependency.Ecosystem;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A third-party package as a lock file or build file pins it, with what the SBOM says of it beyond its name.
 *
 * @param dependency ecosystem, name, version and purl
 * @param namespace the npm scope ({@code @types}) or Maven group; empty for an unscoped npm package
 * @param simpleName the name within the namespace
 * @param scope whether it ships
 * @param hashes digests of its archive, one per algorithm, sorted
 * @param downloadLocation where the lock file says it was fetched from
 */
record LockedPackage(Dependency dependency, String namespace, String simpleName, PackageScope scope,
                     List<PackageHash> hashes, Optional<String> downloadLocation) {
  LockedPackage {
    requireNonNull(dependency, "dependency");
    requireNonNull(namespace, "namespace");
    requireNonNull(simpleName, "simpleName");
    requireNonNull(scope, "scope");
    hashes = hashes.stream()
        .collect(Collectors.toMap(PackageHash::algorithm, h -> h, (a, b) -> a, TreeMap::new))
        .values().stream().toList();
    requireNonNull(downloadLocation, "downloadLocation");
  }

  String purl() {
    return dependency.purl();
  }

  /**
   * An npm package; {@code name} may be scoped ({@code @types/node}).
   *
   * @throws IllegalArgumentException when name or version cannot make a package URL
   */
  static LockedPackage npm(String name, String version, PackageScope scope, List<PackageHash> hashes,
                           Optional<String> downloadLocation) {
    int slash = name.indexOf('/');
    String namespace = name.startsWith("@") && slash > 0 ? name.substring(0, slash) : "";
    String simpleName = namespace.isEmpty() ? name : name.substring(slash + 1);
    String purl = purl("npm", namespace.isEmpty() ? null : namespace, simpleName, version, null);
    return new LockedPackage(new Dependency(Ecosystem.NPM, name, version, purl), namespace, simpleName, scope,
        hashes, downloadLocation);
  }

  /**
   * A Maven artifact; {@code type} other than {@code jar} and a classifier become purl qualifiers, as the purl
   * spec asks.
   *
   * @throws IllegalArgumentException when the coordinates cannot make a package URL
   */
  static LockedPackage maven(String groupId, String artifactId, String version, String type, String classifier,
                             PackageScope scope) {
    TreeMap<String, String> qualifiers = new TreeMap<>();
    if (classifier != null && !classifier.isBlank()) {
      qualifiers.put("classifier", classifier);
    }
    if (type != null && !type.isBlank() && !type.equals("jar")) {
      qualifiers.put("type", type);
    }
    String purl = purl("maven", groupId, artifactId, version, qualifiers.isEmpty() ? null : qualifiers);
    return new LockedPackage(new Dependency(Ecosystem.MAVEN, groupId + ":" + artifactId, version, purl), groupId,
        artifactId, scope, List.of(), Optional.empty());
  }

  /** The same package as another place names it: the widest scope, every digest, the first download location. */
  LockedPackage mergedWith(LockedPackage other) {
    if (!other.purl().equals(purl())) {
      throw new IllegalArgumentException(other.purl() + " is not " + purl());
    }
    return new LockedPackage(dependency, namespace, simpleName, scope.widest(other.scope),
        Stream.concat(hashes.stream(), other.hashes.stream()).toList(),
        downloadLocation.or(() -> other.downloadLocation));
  }

  static final Comparator<LockedPackage> BY_PURL = Comparator.comparing(LockedPackage::purl);

  private static String purl(String type, String namespace, String name, String version,
                             TreeMap<String, String> qualifiers) {
    try {
      return new PackageURL(type, namespace, name, version, qualifiers, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
