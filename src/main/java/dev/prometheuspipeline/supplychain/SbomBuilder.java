package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a release's SBOM: its artifacts, and the third-party packages its workers are built from as their
 * {@code package-lock.json} and {@code pom.xml} pin them, with the dependency graph, in CycloneDX 1.6 and
 * SPDX 2.3.
 */
public final class SbomBuilder {

  /**
   * The SBOM of {@code artifacts}, whose workers' files are checked out as {@code workers} say.
   *
   * <p>Never throws for a user's bad or missing file: a worker without a lock file or pom, a malformed,
   * oversized or incomplete one, becomes a line of {@link Sbom#problems()} saying where and how to fix it, and
   * the SBOM lists what could be read. The same arguments give the same bytes.
   *
   * @param subject the release and run the SBOM is of
   * @param artifacts the release's artifacts as fetched
   * @param workers where each worker artifact's files are; a worker artifact without one is a problem
   */
  public Sbom build(SbomSubject subject, List<FetchedArtifact> artifacts, List<WorkerSource> workers) {
    requireNonNull(subject, "subject");
    Map<String, WorkerSource> byPath = new LinkedHashMap<>();
    workers.forEach(worker -> byPath.put(worker.artifact().path(), worker));
    DependencyGraph.Builder graph = new DependencyGraph.Builder();
    List<String> problems = new ArrayList<>();
    artifacts.stream()
        .filter(artifact -> artifact.type() == ArtifactType.WORKER)
        .map(FetchedArtifact::path)
        .distinct()
        .sorted()
        .forEach(path -> {
          WorkerSource source = byPath.get(path);
          if (source == null) {
            problems.add(path + " was not checked out for the SBOM: its dependencies are not in it");
          } else {
            graph.merge(read(source));
          }
        });
    DependencyGraph merged = graph.build();
    problems.addAll(merged.problems());
    SbomContent content = new SbomContent(subject, artifacts, merged);
    return new Sbom(CycloneDxWriter.write(content), SpdxWriter.write(content),
        merged.packages().stream().map(LockedPackage::dependency).toList(),
        CycloneDxWriter.componentCount(content), problems);
  }

  private static DependencyGraph read(WorkerSource worker) {
    String path = worker.artifact().path();
    Path directory = worker.directory();
    if (!Files.isDirectory(directory)) {
      return DependencyGraph.problem(path + " has no checked-out folder (" + directory + "): its dependencies"
          + " are not in the SBOM");
    }
    boolean npm = Files.isRegularFile(directory.resolve(NpmLockFile.FILE_NAME));
    boolean maven = Files.isRegularFile(directory.resolve(MavenPom.FILE_NAME));
    if (!npm && !maven) {
      String why = Files.isRegularFile(directory.resolve("package.json"))
          ? " has a package.json but no package-lock.json: its dependencies are not pinned, so not in the SBOM;"
              + " run npm install and commit the lock file"
          : " has no package-lock.json or pom.xml: its dependencies are not in the SBOM; commit the lock file";
      return DependencyGraph.problem(path + why);
    }
    DependencyGraph.Builder graph = new DependencyGraph.Builder();
    if (npm) {
      graph.merge(NpmLockFile.read(directory, path));
    }
    if (maven) {
      graph.merge(MavenPom.read(directory, path));
    }
    return graph.build();
  }
}
