package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A worker's {@code package-lock.json}: every package npm pinned, with its integrity and what it depends on.
 * Reads lockfileVersion 2 and 3 (the {@code packages} map, keyed by install location) and 1 (the nested
 * {@code dependencies} tree with {@code requires}), resolving each dependency by npm's rule: the nearest
 * {@code node_modules} folder, from the requiring package up to the root, that has it.
 */
final class NpmLockFile {
  static final String FILE_NAME = "package-lock.json";
  /** Larger than any real lock file by far; a bigger one is a mistake or an attack, not something to parse. */
  static final long MAX_BYTES = 50L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODE_MODULES = "node_modules/";

  private final String worker;
  private final String file;
  private final DependencyGraph.Builder graph = new DependencyGraph.Builder();
  // v1 names a package once where it is installed and again in each "requires" of it: read it once
  private final Map<JsonNode, Optional<LockedPackage>> v1Packages = new IdentityHashMap<>();

  private NpmLockFile(String worker) {
    this.worker = worker;
    this.file = worker + "/" + FILE_NAME;
  }

  /**
   * Reads {@code directory/package-lock.json} of the worker at {@code worker} (its path, for messages). Never
   * throws for a bad file: an unreadable, oversized or malformed one yields a graph with only a problem.
   */
  static DependencyGraph read(Path directory, String worker) {
    return new NpmLockFile(worker).readFrom(directory);
  }

  private DependencyGraph readFrom(Path directory) {
    Path lock = directory.resolve(FILE_NAME);
    JsonNode root;
    try {
      if (Files.size(lock) > MAX_BYTES) {
        return DependencyGraph.problem(file + " is over " + MAX_BYTES / (1024 * 1024)
            + " MB: its dependencies are not in the SBOM; commit the lock file npm writes, not a generated one");
      }
      root = JSON.readTree(lock.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? file : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
      return DependencyGraph.problem(where + ": not valid JSON (" + e.getOriginalMessage()
          + "): its dependencies are not in the SBOM; regenerate it with npm install and commit it");
    } catch (IOException e) {
      return DependencyGraph.problem(file + " cannot be read (" + e + "): its dependencies are not in the SBOM");
    }
    if (root == null || !root.isObject()) {
      return DependencyGraph.problem(file + ": not a JSON object: its dependencies are not in the SBOM;"
          + " regenerate it with npm install and commit it");
    }
    graph.worker(worker);
    if (root.path("packages").isObject()) {
      readPackages(root.get("packages"));
    } else if (root.path("dependencies").isObject()) {
      readTree(root.get("dependencies"), directory);
    } // else a lock file of a worker with no dependencies
    return graph.build();
  }

  // lockfileVersion 2 and 3: {"packages": {"": root, "node_modules/a": {...}, "node_modules/a/node_modules/b": …}}
  private void readPackages(JsonNode packages) {
    Map<String, LockedPackage> byLocation = new LinkedHashMap<>();
    List<String> roots = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String location = field.getKey();
      JsonNode entry = field.getValue();
      if (entry.path("link").asBoolean(false)) {
        continue; // a workspace symlink; its target is a package of the worker itself
      }
      if (!location.contains(NODE_MODULES)) {
        roots.add(location); // the root "" or a workspace member: the worker's own code, not third-party
        continue;
      }
      String name = text(entry, "name").orElse(location.substring(location.lastIndexOf(NODE_MODULES)
          + NODE_MODULES.length()));
      packageOf(location, name, text(entry, "version").orElse(""), entry).ifPresent(pkg -> {
        byLocation.put(location, pkg);
        graph.add(pkg).dependenciesKnown(pkg.purl());
      });
    }
    for (String root : roots) {
      JsonNode entry = packages.get(root);
      for (Needed needed : needs(entry, true)) {
        resolve(packages, root, needed, byLocation).ifPresent(purl -> graph.direct(worker, purl));
      }
    }
    byLocation.forEach((location, pkg) -> {
      for (Needed needed : needs(packages.get(location), false)) {
        resolve(packages, location, needed, byLocation).ifPresent(purl -> graph.edge(pkg.purl(), purl));
      }
    });
  }

  private Optional<String> resolve(JsonNode packages, String from, Needed needed,
                                   Map<String, LockedPackage> byLocation) {
    String base = from;
    while (true) {
      String candidate = base.isEmpty() ? NODE_MODULES + needed.name : base + "/" + NODE_MODULES + needed.name;
      if (packages.has(candidate)) {
        // A link or a skipped entry resolves without an edge: the worker's own package, or one already reported.
        return Optional.ofNullable(byLocation.get(candidate)).map(LockedPackage::purl);
      }
      if (base.isEmpty()) {
        missing(from.isEmpty() ? "the worker" : from, needed);
        return Optional.empty();
      }
      int up = base.lastIndexOf("/" + NODE_MODULES);
      base = up >= 0 ? base.substring(0, up) : "";
    }
  }

  // lockfileVersion 1: {"dependencies": {"a": {"version", "requires": {...}, "dependencies": {nested}}}}
  private void readTree(JsonNode top, Path directory) {
    Deque<JsonNode> scopes = new ArrayDeque<>();
    scopes.push(top);
    Set<String> required = new HashSet<>();
    visit(top, scopes, "", required);
    Optional<List<String>> declared = declaredInPackageJson(directory);
    for (Iterator<Map.Entry<String, JsonNode>> it = top.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      // v1 has no root entry: package.json says what is direct; without it, what nothing else requires
      boolean direct = declared.map(names -> names.contains(field.getKey()))
          .orElse(!required.contains(field.getKey()));
      if (direct) {
        v1Package(field.getKey(), field.getValue(), NODE_MODULES + field.getKey())
            .ifPresent(pkg -> graph.direct(worker, pkg.purl()));
      }
    }
  }

  private void visit(JsonNode scope, Deque<JsonNode> scopes, String path, Set<String> required) {
    for (Iterator<Map.Entry<String, JsonNode>> it = scope.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String location = path + NODE_MODULES + field.getKey();
      JsonNode entry = field.getValue();
      Optional<LockedPackage> pkg = v1Package(field.getKey(), entry, location);
      pkg.ifPresent(p -> graph.add(p).dependenciesKnown(p.purl()));
      JsonNode nested = entry.path("dependencies");
      if (nested.isObject()) {
        scopes.push(nested);
      }
      for (Iterator<String> names = entry.path("requires").fieldNames(); names.hasNext(); ) {
        String name = names.next();
        required.add(name);
        Optional<JsonNode> found = scopes.stream().filter(s -> s.has(name)).findFirst().map(s -> s.get(name));
        if (found.isEmpty()) {
          missing(location, new Needed(name, true));
        }
        Optional<LockedPackage> dependency = found.flatMap(f -> v1Package(name, f, NODE_MODULES + name));
        pkg.ifPresent(p -> dependency.ifPresent(d -> graph.edge(p.purl(), d.purl())));
      }
      if (nested.isObject()) {
        visit(nested, scopes, location + "/", required);
        scopes.pop();
      }
    }
  }

  private Optional<LockedPackage> v1Package(String name, JsonNode entry, String location) {
    Optional<LockedPackage> known = v1Packages.get(entry);
    if (known == null) {
      known = v1PackageOf(name, entry, location);
      v1Packages.put(entry, known);
    }
    return known;
  }

  private Optional<LockedPackage> v1PackageOf(String name, JsonNode entry, String location) {
    String version = text(entry, "version").orElse("");
    if (version.startsWith("npm:")) { // an alias: "npm:real-name@1.2.3"
      int at = version.lastIndexOf('@');
      return at > 4 ? packageOf(location, version.substring(4, at), version.substring(at + 1), entry)
          : packageOf(location, name, version, entry);
    }
    if (version.startsWith("file:") || version.startsWith("link:")) {
      return Optional.empty(); // the worker's own code, checked in beside it
    }
    return packageOf(location, name, version, entry);
  }

  private Optional<LockedPackage> packageOf(String location, String name, String version, JsonNode entry) {
    if (version.isEmpty() || version.contains(":")) {
      if (!location.isEmpty()) {
        graph.problem(file + ": " + location + " is pinned to " + (version.isEmpty() ? "no version" : version)
            + ", not a registry version: it is not in the SBOM; depend on a published version");
      }
      return Optional.empty();
    }
    PackageScope scope = entry.path("dev").asBoolean(false) ? PackageScope.DEVELOPMENT
        : entry.path("optional").asBoolean(false) || entry.path("devOptional").asBoolean(false)
            ? PackageScope.OPTIONAL : PackageScope.REQUIRED;
    try {
      return Optional.of(LockedPackage.npm(name, version, scope, hashes(location, entry),
          text(entry, "resolved").filter(r -> r.startsWith("https://") || r.startsWith("http://"))));
    } catch (IllegalArgumentException e) {
      graph.problem(file + ": " + location + " (" + name + "@" + version + ") is not a valid package name or"
          + " version (" + e.getMessage() + "): it is not in the SBOM");
      return Optional.empty();
    }
  }

  // Subresource Integrity: "sha512-<base64> sha1-<base64>", each with optional "?options"
  private List<PackageHash> hashes(String location, JsonNode entry) {
    List<PackageHash> hashes = new ArrayList<>();
    for (String sri : text(entry, "integrity").orElse("").trim().split("\\s+")) {
      int dash = sri.indexOf('-');
      if (sri.isEmpty() || dash < 0) {
        continue;
      }
      String base64 = sri.substring(dash + 1).split("\\?", 2)[0];
      PackageHash.Algorithm.ofSri(sri.substring(0, dash)).ifPresent(algorithm -> {
        try {
          hashes.add(PackageHash.of(algorithm, Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException e) {
          graph.problem(file + ": " + location + " has an integrity that is not base64 (" + e.getMessage()
              + "): its hash is not in the SBOM; regenerate the lock file");
        }
      });
    }
    return hashes;
  }

  private record Needed(String name, boolean required) {}

  private static List<Needed> needs(JsonNode entry, boolean root) {
    List<Needed> needs = new ArrayList<>();
    entry.path("dependencies").fieldNames().forEachRemaining(n -> needs.add(new Needed(n, true)));
    entry.path("optionalDependencies").fieldNames().forEachRemaining(n -> needs.add(new Needed(n, false)));
    // npm 7+ installs peers; one it could not (or an optional one) is simply absent, not a broken lock file
    entry.path("peerDependencies").fieldNames().forEachRemaining(n -> needs.add(new Needed(n, false)));
    if (root) {
      entry.path("devDependencies").fieldNames().forEachRemaining(n -> needs.add(new Needed(n, true)));
    }
    return needs;
  }

  private void missing(String from, Needed needed) {
    if (needed.required) {
      graph.problem(file + ": " + from + " depends on " + needed.name + ", which the lock file does not pin;"
          + " run npm install and commit the lock file");
    }
  }

  private Optional<List<String>> declaredInPackageJson(Path directory) {
    Path manifest = directory.resolve("package.json");
    try {
      if (!Files.isRegularFile(manifest) || Files.size(manifest) > MAX_BYTES) {
        return Optional.empty();
      }
      JsonNode json = JSON.readTree(manifest.toFile());
      List<String> names = new ArrayList<>();
      for (String section : List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")) {
        json.path(section).fieldNames().forEachRemaining(names::add);
      }
      return Optional.of(names);
    } catch (IOException e) {
      graph.problem(worker + "/package.json cannot be read (" + e.getMessage() + "): the SBOM takes the"
          + " packages nothing else requires as the worker's direct dependencies");
      return Optional.empty();
    }
  }

  private static Optional<String> text(JsonNode entry, String field) {
    JsonNode value = entry.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
