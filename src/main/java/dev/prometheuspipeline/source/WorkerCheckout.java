package dev.prometheuspipeline.source;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.Artifact;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker artifact's files as they are at the artifact's sha, written to a temporary folder of
 * their own so tools (node, npm, eslint) can run on them. Only the artifact's path is written, never
 * the rest of the workers repository. Closing deletes the folder.
 *
 * <p>Get one from {@link ArtifactFetcher#checkOut(Artifact)}.
 */
public final class WorkerCheckout implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerCheckout.class);

  private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

  private final Artifact artifact;
  private final Path root;
  private final Path directory;
  private final String repositoryPath;

  private WorkerCheckout(Artifact artifact, Path root, Path directory, String repositoryPath) {
    this.artifact = artifact;
    this.root = root;
    this.directory = directory;
    this.repositoryPath = repositoryPath;
  }

  /** The worker artifact checked out. */
  public Artifact artifact() {
    return artifact;
  }

  /**
   * The worker's folder: the artifact's path when it names a folder, else the folder holding the one
   * file it names (with only that file in it).
   */
  public Path directory() {
    return directory;
  }

  /** Where {@link #directory()} is in the workers repository ({@code workers/notify}); empty for its root. */
  public String repositoryPath() {
    return repositoryPath;
  }

  /** Deletes the folder and everything tools wrote into it ({@code node_modules} too). */
  @Override
  public void close() {
    try {
      FileUtils.delete(root.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    } catch (IOException e) {
      log.warn("source action=checkout-cleanup folder={} outcome=failed error={}", root, e.toString());
    }
  }

  /**
   * Checks {@code worker} out of the workers mirror at its sha, fetching the mirror first when the
   * commit is not in it yet.
   *
   * @throws SourceException when the commit or path does not exist, or the path holds a link or an
   *     oversized file; retryable only when the repository could not be reached or the disk failed
   */
  static WorkerCheckout from(GitMirror mirror, Artifact worker, long maxFileBytes) {
    String sha = worker.sha().toLowerCase(Locale.ROOT);
    return mirror.use((repository, freshlyCloned) -> {
      try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        CommitResolver commits = new CommitResolver(reader, walk, mirror.remote());
        Optional<RevCommit> commit = commits.find(sha, worker.path());
        if (commit.isEmpty() && !freshlyCloned) {
          mirror.update(repository);
          commit = commits.find(sha, worker.path());
        }
        RevCommit found = commit.isPresent() ? commit.get() : commits.require(sha, worker.path());
        return write(reader, found, worker, maxFileBytes);
      } catch (Refusal refusal) {
        throw new SourceException(refusal.getMessage());
      } catch (IllegalArgumentException e) {
        throw new SourceException(RepositoryPath.printable(e.getMessage()) + "; fix the worker's path or sha");
      }
    });
  }

  /**
   * Writes the tree entry at {@code artifact.path()} of {@code commit} into a new temporary folder.
   *
   * @throws IOException when the object database or the disk fails; the folder is then removed
   * @throws IllegalArgumentException naming the path when it is missing, a submodule, a symbolic link,
   *     or a file larger than {@code maxFileBytes}
   */
  static WorkerCheckout write(ObjectReader reader, RevCommit commit, Artifact artifact, long maxFileBytes)
      throws IOException {
    requireNonNull(artifact, "artifact");
    String path = artifact.path();
    Path root = Files.createTempDirectory("prometheus-worker-");
    try {
      try (TreeWalk entry = TreeWalk.forPath(reader, path, commit.getTree())) {
        if (entry == null) {
          throw new IllegalArgumentException(path + " at " + commit.name() + ": no such file or folder");
        }
        int type = entry.getRawMode(0) & FileMode.TYPE_MASK;
        if (type == FileMode.TYPE_TREE) {
          writeTree(reader, entry, root, path, maxFileBytes);
          return new WorkerCheckout(artifact, root, inside(root, path), path);
        }
        writeFile(reader, entry, root, path, maxFileBytes);
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash);
        return new WorkerCheckout(artifact, root, folder.isEmpty() ? root : inside(root, folder), folder);
      }
    } catch (IOException | RuntimeException e) {
      FileUtils.delete(root.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
      throw e;
    }
  }

  private static void writeTree(ObjectReader reader, TreeWalk folder, Path root, String path, long maxFileBytes)
      throws IOException {
    Files.createDirectories(inside(root, path));
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(folder.getObjectId(0));
      walk.setRecursive(true);
      while (walk.next()) {
        writeFile(reader, walk, root, path + "/" + walk.getPathString(), maxFileBytes);
      }
    }
  }

  private static void writeFile(ObjectReader reader, TreeWalk entry, Path root, String path, long maxFileBytes)
      throws IOException {
    int type = entry.getRawMode(0) & FileMode.TYPE_MASK;
    if (type != FileMode.TYPE_FILE) {
      throw new IllegalArgumentException(path + ": is a " + (type == FileMode.TYPE_SYMLINK ? "symbolic link"
          : type == FileMode.TYPE_GITLINK ? "submodule" : "special entry")
          + "; a worker's files must be regular files in the workers repository");
    }
    long size = reader.getObjectSize(entry.getObjectId(0), Constants.OBJ_BLOB);
    if (size > maxFileBytes) {
      throw new IllegalArgumentException(path + ": is " + size + " bytes, over the limit of " + maxFileBytes);
    }
    Path file = inside(root, path);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      reader.open(entry.getObjectId(0), Constants.OBJ_BLOB).copyTo(out);
    }
    if (FileMode.EXECUTABLE_FILE.equals(entry.getRawMode(0)) && file.getFileSystem().supportedFileAttributeViews()
        .contains("posix")) {
      Files.setPosixFilePermissions(file, EXECUTABLE);
    }
  }

  /** Git trees cannot name ".." or absolute paths through JGit's checks, but a crafted one could; refuse it. */
  private static Path inside(Path root, String path) {
    Path resolved = root.resolve(path).normalize();
    if (!resolved.startsWith(root) || resolved.equals(root)) {
      throw new IllegalArgumentException(path + ": leaves the worker's folder; refusing to write it");
    }
    return resolved;
  }
}
