package dev.prometheuspipeline.source;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists the engine artifacts under the product folders at a branch or commit, for a webhook's push. */
final class SnapshotReader {
  private static final Logger log = LoggerFactory.getLogger(SnapshotReader.class);

  private final List<String> products;

  SnapshotReader(List<String> products) {
    this.products = List.copyOf(products);
  }

  /**
   * {@code branchOrCommit} trimmed.
   *
   * @throws SourceException when it is empty or holds control characters
   */
  static String wanted(String branchOrCommit) {
    String wanted = branchOrCommit.trim();
    if (wanted.isEmpty() || !RepositoryPath.printable(wanted).equals(wanted)) {
      throw new SourceException("'" + RepositoryPath.printable(branchOrCommit)
          + "' is not a branch name or commit sha; give e.g. main or 1a2b3c4");
    }
    return wanted;
  }

  /** As {@link ArtifactFetcher#snapshot}, from {@code mirror}; {@code wanted} as {@link #wanted} returns it. */
  SourceSnapshot read(GitMirror mirror, String wanted) {
    return at(mirror, wanted, (reader, commit) -> {
      List<Artifact> artifacts = engineArtifacts(reader, commit);
      log.debug("source action=snapshot repository={} ref={} commit={} artifacts={}",
          mirror.remote().name(), wanted, commit.name(), artifacts.size());
      return new SourceSnapshot(commit.name(), artifacts);
    });
  }

  /** As {@link ArtifactFetcher#resolve}, from {@code mirror}; {@code wanted} as {@link #wanted} returns it. */
  String resolve(GitMirror mirror, String wanted) {
    return at(mirror, wanted, (reader, commit) -> commit.name());
  }

  private <T> T at(GitMirror mirror, String wanted, AtCommit<T> read) {
    return mirror.use((repository, freshlyCloned) -> {
      // A full sha already in the mirror cannot change; anything else may have moved on the remote.
      if (!freshlyCloned && !CommitResolver.isPresentCommit(repository, wanted)) {
        mirror.update(repository);
      }
      try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        return read.apply(reader, new CommitResolver(reader, walk, mirror.remote()).resolve(repository, wanted));
      }
    });
  }

  @FunctionalInterface
  private interface AtCommit<T> {
    T apply(ObjectReader reader, RevCommit commit) throws IOException;
  }

  private List<Artifact> engineArtifacts(ObjectReader reader, RevCommit commit) throws IOException {
    List<Artifact> artifacts = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      walk.setFilter(PathFilterGroup.createFromStrings(products));
      while (walk.next()) {
        String name = walk.getNameString();
        Optional<ArtifactType> type = ArtifactType.ofFileName(name);
        if (type.isEmpty()) {
          continue;
        }
        if ((walk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
          log.warn("source action=snapshot commit={} path={} outcome=skipped reason=not-a-regular-file",
              commit.name(), RepositoryPath.printable(walk.getPathString()));
          continue;
        }
        artifacts.add(new Artifact(type.get(), name, walk.getPathString(), commit.name()));
      }
    }
    artifacts.sort(Comparator.comparing(Artifact::path));
    return artifacts;
  }
}
