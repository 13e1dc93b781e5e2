package dev.prometheuspipeline.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real repository with a working tree, standing in for the team's remote. */
final class OriginRepository implements AutoCloseable {
  private static final PersonIdent AUTHOR =
      new PersonIdent("Ana Release", "ana@example.com", Instant.parse("2025-01-01T10:00:00Z"),
          ZoneOffset.UTC);

  private final Path dir;
  private final Git git;
  private int commits;

  private OriginRepository(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  static OriginRepository init(Path dir) throws GitAPIException {
    return new OriginRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
  }

  /** Writes the files (UTF-8 text) and commits them; returns the full sha. */
  String commit(Map<String, String> files) throws IOException, GitAPIException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      write(file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return commitAll();
  }

  String commitBytes(String path, byte[] content) throws IOException, GitAPIException {
    write(path, content);
    return commitAll();
  }

  String delete(String path) throws IOException, GitAPIException {
    Files.delete(dir.resolve(path));
    return commitAll();
  }

  String symlink(String link, String target) throws IOException, GitAPIException {
    Path at = dir.resolve(link);
    Files.createDirectories(at.getParent());
    Files.createSymbolicLink(at, Path.of(target));
    return commitAll();
  }

  /** Adds {@code other} as a submodule at {@code path}: a gitlink entry in this repository's tree. */
  String submodule(String path, OriginRepository other) throws GitAPIException {
    git.submoduleAdd().setPath(path).setURI(other.dir.toUri().toString()).call().close();
    return commitStaged();
  }

  void branch(String name, String sha) throws GitAPIException {
    git.branchCreate().setName(name).setStartPoint(sha).setForce(true).call();
  }

  /** The {@code file://} URI, as a team configures a remote. */
  String uri() {
    return dir.toUri().toString();
  }

  /** The plain local path. */
  String path() {
    return dir.toString();
  }

  private void write(String path, byte[] content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private String commitAll() throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return commitStaged();
  }

  private String commitStaged() throws GitAPIException {
    commits++;
    RevCommit commit = git.commit()
        .setMessage("Change " + commits)
        .setAuthor(AUTHOR)
        .setCommitter(AUTHOR)
        .setSign(false)
        .call();
    return commit.name();
  }

  @Override
  public void close() {
    git.close();
  }
}
