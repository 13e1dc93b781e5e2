package dev.prometheuspipeline.supplychain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/**
 * A worker's {@code pom.xml}, read alone: its direct dependencies, {@code ${property}} versions filled from the
 * pom's own properties and its own {@code dependencyManagement}. What a parent or an imported BOM would
 * decide is not guessed: such a dependency is a problem, not a made-up version. Transitive dependencies need
 * Maven's resolver and a repository; they are left out, and the graph says so by knowing no edges.
 */
final class MavenPom {
  static final String FILE_NAME = "pom.xml";

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
  /** Properties may name properties; deeper than this is a cycle. */
  private static final int MAX_INTERPOLATION_ROUNDS = 10;

  private final String worker;
  private final String file;
  private final DependencyGraph.Builder graph = new DependencyGraph.Builder();
  private final Map<String, String> properties = new HashMap<>();

  private MavenPom(String worker) {
    this.worker = worker;
    this.file = worker + "/" + FILE_NAME;
  }

  /**
   * Reads {@code directory/pom.xml} of the worker at {@code worker} (its path, for messages). Never throws for
   * a bad file: an unreadable, oversized or malformed one yields a graph with only a problem.
   */
  static DependencyGraph read(Path directory, String worker) {
    return new MavenPom(worker).readFrom(directory.resolve(FILE_NAME));
  }

  private DependencyGraph readFrom(Path pom) {
    Model model;
    try {
      if (Files.size(pom) > NpmLockFile.MAX_BYTES) {
        return DependencyGraph.problem(file + " is over " + NpmLockFile.MAX_BYTES / (1024 * 1024)
            + " MB: its dependencies are not in the SBOM");
      }
      try (InputStream in = Files.newInputStream(pom)) {
        model = new MavenXpp3Reader().read(in, false);
      }
    } catch (XmlPullParserException e) {
      return DependencyGraph.problem(file + ":" + e.getLineNumber() + ":" + e.getColumnNumber()
          + ": not a readable pom (" + firstLine(e.getMessage()) + "): its dependencies are not in the SBOM;"
          + " fix the XML (mvn validate shows where)");
    } catch (IOException e) {
      return DependencyGraph.problem(file + " cannot be read (" + e + "): its dependencies are not in the SBOM");
    }
    collectProperties(model);
    graph.worker(worker);
    for (Dependency dependency : model.getDependencies()) {
      readDependency(model, dependency);
    }
    return graph.build();
  }

  private void collectProperties(Model model) {
    Parent parent = model.getParent();
    String groupId = Optional.ofNullable(model.getGroupId()).orElse(parent == null ? null : parent.getGroupId());
    String version = Optional.ofNullable(model.getVersion()).orElse(parent == null ? null : parent.getVersion());
    model.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
    for (String prefix : List.of("project.", "pom.", "")) {
      putIfPresent(prefix + "groupId", groupId);
      putIfPresent(prefix + "artifactId", model.getArtifactId());
      putIfPresent(prefix + "version", version);
    }
    if (parent != null) {
      putIfPresent("project.parent.groupId", parent.getGroupId());
      putIfPresent("project.parent.artifactId", parent.getArtifactId());
      putIfPresent("project.parent.version", parent.getVersion());
    }
  }

  private void putIfPresent(String key, String value) {
    if (value != null) {
      properties.putIfAbsent(key, value);
    }
  }

  private void readDependency(Model model, Dependency dependency) {
    String coordinates = dependency.getGroupId() + ":" + dependency.getArtifactId();
    Optional<String> groupId = interpolate(dependency.getGroupId());
    Optional<String> artifactId = interpolate(dependency.getArtifactId());
    Optional<String> declared = Optional.ofNullable(dependency.getVersion()).or(() -> managedVersion(model,
        dependency));
    if (declared.isEmpty()) {
      graph.problem(file + ": " + coordinates + " has no version here (a parent pom or an imported BOM manages"
          + " it, which the SBOM does not read): it is not in the SBOM; give it a version or a property in "
          + FILE_NAME);
      return;
    }
    Optional<String> version = interpolate(declared.get());
    if (groupId.isEmpty() || artifactId.isEmpty() || version.isEmpty()) {
      graph.problem(file + ": " + coordinates + ":" + declared.get() + " names a property the pom does not"
          + " define (a parent's, or the command line's): it is not in the SBOM; define it in " + FILE_NAME);
      return;
    }
    if (version.get().matches(".*[\\[\\](),].*")) {
      graph.problem(file + ": " + coordinates + " has the version range " + version.get() + ", which a pom"
          + " alone does not resolve: it is not in the SBOM; pin one version");
      return;
    }
    PackageScope scope = "test".equals(dependency.getScope()) ? PackageScope.DEVELOPMENT
        : dependency.isOptional() ? PackageScope.OPTIONAL : PackageScope.REQUIRED;
    try {
      LockedPackage pkg = LockedPackage.maven(groupId.get(), artifactId.get(), version.get(),
          interpolate(dependency.getType()).orElse("jar"), interpolate(dependency.getClassifier()).orElse(""),
          scope);
      graph.add(pkg).direct(worker, pkg.purl());
    } catch (IllegalArgumentException e) {
      graph.problem(file + ": " + coordinates + ":" + version.get() + " cannot be a package URL ("
          + e.getMessage() + "): it is not in the SBOM");
    }
  }

  private Optional<String> managedVersion(Model model, Dependency dependency) {
    if (model.getDependencyManagement() == null) {
      return Optional.empty();
    }
    return model.getDependencyManagement().getDependencies().stream()
        .filter(managed -> !"import".equals(managed.getScope()))
        .filter(managed -> managed.getManagementKey().equals(dependency.getManagementKey()))
        .map(Dependency::getVersion)
        .filter(v -> v != null)
        .findFirst();
  }

  /** The value with every {@code ${name}} filled; empty when one names a property the pom lacks. */
  private Optional<String> interpolate(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String current = value;
    for (int round = 0; round < MAX_INTERPOLATION_ROUNDS && current.contains("${"); round++) {
      Matcher matcher = PROPERTY.matcher(current);
      StringBuilder filled = new StringBuilder();
      while (matcher.find()) {
        String property = properties.get(matcher.group(1));
        if (property == null) {
          return Optional.empty();
        }
        matcher.appendReplacement(filled, Matcher.quoteReplacement(property));
      }
      matcher.appendTail(filled);
      current = filled.toString();
    }
    return current.contains("${") ? Optional.empty() : Optional.of(current.trim());
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
