package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The third-party packages of one or more workers and what depends on what, by purl.
 *
 * @param packages each package once, sorted by purl
 * @param direct per worker path, the purls of its direct dependencies, sorted
 * @param edges per package purl, the purls it depends on, sorted; a package has an entry only when its
 *     dependencies are known (an npm lock file pins them all; a pom read alone does not), so an absent entry
 *     means "unknown", an empty one "none"
 * @param problems what could not be read, each with where and how to fix it
 */
record DependencyGraph(List<LockedPackage> packages, Map<String, List<String>> direct,
                       Map<String, List<String>> edges, List<String> problems) {
  /** A hostile or broken lock file can name thousands of missing packages; past this, one line says how many. */
  static final int MAX_PROBLEMS_PER_FILE = 20;

  DependencyGraph {
    packages = packages.stream().sorted(LockedPackage.BY_PURL).toList();
    direct = copy(direct);
    edges = copy(edges);
    problems = List.copyOf(problems);
  }

  static DependencyGraph empty() {
    return new DependencyGraph(List.of(), Map.of(), Map.of(), List.of());
  }

  static DependencyGraph problem(String problem) {
    return new DependencyGraph(List.of(), Map.of(), Map.of(), List.of(problem));
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> map) {
    Map<String, List<String>> sorted = new LinkedHashMap<>();
    new TreeMap<>(map).forEach((key, values) -> sorted.put(key, List.copyOf(new TreeSet<>(values))));
    return Collections.unmodifiableMap(sorted);
  }

  /** Collects one file's (or many workers') packages, merging those with the same purl. */
  static final class Builder {
    private final Map<String, LockedPackage> packages = new TreeMap<>();
    private final Map<String, TreeSet<String>> direct = new TreeMap<>();
    private final Map<String, TreeSet<String>> edges = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private int problemsLeftOff;

    Builder add(LockedPackage pkg) {
      packages.merge(pkg.purl(), pkg, LockedPackage::mergedWith);
      return this;
    }

    Builder direct(String worker, String purl) {
      direct.computeIfAbsent(worker, w -> new TreeSet<>()).add(purl);
      return this;
    }

    /** Records that a worker was read, even if it has no dependencies. */
    Builder worker(String worker) {
      direct.computeIfAbsent(worker, w -> new TreeSet<>());
      return this;
    }

    /** Records that the package's dependencies are known, even if it has none. */
    Builder dependenciesKnown(String purl) {
      edges.computeIfAbsent(purl, p -> new TreeSet<>());
      return this;
    }

    Builder edge(String from, String to) {
      edges.computeIfAbsent(from, p -> new TreeSet<>()).add(to);
      return this;
    }

    Builder problem(String problem) {
      if (problems.size() < MAX_PROBLEMS_PER_FILE) {
        problems.add(problem);
      } else {
        problemsLeftOff++;
      }
      return this;
    }

    Builder merge(DependencyGraph graph) {
      graph.packages.forEach(this::add);
      graph.direct.forEach((worker, purls) -> {
        worker(worker);
        purls.forEach(purl -> direct(worker, purl));
      });
      graph.edges.forEach((from, tos) -> {
        dependenciesKnown(from);
        tos.forEach(to -> edge(from, to));
      });
      problems.addAll(graph.problems);
      return this;
    }

    private static Map<String, List<String>> lists(Map<String, TreeSet<String>> sets) {
      Map<String, List<String>> lists = new TreeMap<>();
      sets.forEach((key, values) -> lists.put(key, List.copyOf(values)));
      return lists;
    }

    DependencyGraph build() {
      List<String> all = new ArrayList<>(problems);
      if (problemsLeftOff > 0) {
        all.add("… and " + problemsLeftOff + " more problems like these");
      }
      return new DependencyGraph(List.copyOf(packages.values()), lists(direct), lists(edges), all);
    }
  }
}
