package dev.prometheuspipeline.command;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A working copy read as the pipeline reads a release: every {@code .bpmn}, {@code .dmn}, {@code .form}
 * and {@code .html} under it as an artifact whose path is relative to the directory (so its product is
 * the first folder), the rule configuration files at its root, and the folders holding worker code.
 *
 * @param artifacts the models, sorted by path
 * @param configFiles root-relative name → bytes, for those of {@link #CONFIG_FILES} that exist
 * @param workerFolders root-relative path → folder, for every folder with a {@code package.json}, sorted by path
 * @param oneDeployment true when the directory lies inside a Git working tree without being its root: a
 *     folder of a product (products are a repository's first folders), so all of it deploys as one
 */
record ModelDirectory(List<FetchedArtifact> artifacts, Map<String, byte[]> configFiles,
    Map<String, Path> workerFolders, boolean oneDeployment) {
  static final List<String> CONFIG_FILES = List.of(".prometheus/rules.json", ".bpmnlintrc");
  /** Version control, dependencies and build output: never the team's models, and often huge. */
  static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules", "target");
  /** Not a commit: the files are read from the working tree as they are. */
  static final String WORKING_TREE = "working-tree";

  ModelDirectory {
    artifacts = List.copyOf(artifacts);
    // Not Map.copyOf: its iteration order changes from one JVM to the next, and the first worker folder that
    // declares topics is the one the validator checks against, so a run's findings would too.
    configFiles = Collections.unmodifiableMap(new LinkedHashMap<>(configFiles));
    workerFolders = Collections.unmodifiableMap(new TreeMap<>(workerFolders));
  }

  /**
   * Reads {@code root}. Files over {@code maxFileBytes} are not read: their artifact carries the size and
   * no content, and the validator reports them as too large.
   *
   * @throws IOException when the directory or a file cannot be read
   */
  static ModelDirectory read(Path root, long maxFileBytes) throws IOException {
    List<FetchedArtifact> artifacts = new ArrayList<>();
    Map<String, Path> workers = new LinkedHashMap<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (!dir.equals(root) && SKIPPED_FOLDERS.contains(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (Files.isRegularFile(dir.resolve("package.json"))) {
          workers.put(relative(root, dir), dir);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          Optional<ArtifactType> type = ArtifactType.ofFileName(file.getFileName().toString());
          if (type.isPresent()) {
            artifacts.add(fetch(root, file, type.get(), attrs.size(), maxFileBytes));
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
    artifacts.sort(Comparator.comparing(FetchedArtifact::path));
    Map<String, byte[]> config = new LinkedHashMap<>();
    for (String name : CONFIG_FILES) {
      Path file = root.resolve(name);
      if (Files.isRegularFile(file)) {
        config.put(name, Files.readAllBytes(file));
      }
    }
    return new ModelDirectory(artifacts, config, workers, insideRepository(root));
  }

  /** Below a repository's root: an ancestor, not the directory itself, holds {@code .git} (a folder or a file). */
  private static boolean insideRepository(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    if (Files.exists(absolute.resolve(".git"))) {
      return false;
    }
    for (Path parent = absolute.getParent(); parent != null; parent = parent.getParent()) {
      if (Files.exists(parent.resolve(".git"))) {
        return true;
      }
    }
    return false;
  }

  private static FetchedArtifact fetch(Path root, Path file, ArtifactType type, long size, long maxFileBytes)
      throws IOException {
    String path = relative(root, file);
    Artifact artifact = new Artifact(type, file.getFileName().toString(), path, WORKING_TREE);
    if (size > maxFileBytes) {
      return new FetchedArtifact(artifact, "not-read", size, new byte[0]);
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      // The size was taken a moment ago; read no more than the limit allows even if the file grew.
      content = in.readNBytes((int) Math.min(maxFileBytes + 1, Integer.MAX_VALUE - 8));
    }
    return new FetchedArtifact(artifact, sha256(content), content.length, content);
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
