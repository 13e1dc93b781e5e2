package dev.prometheuspipeline.source;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads artifacts from one mirror at their commits: the bytes and SHA-256 of a file, or the folder
 * digest of a worker folder (defined in {@link ArtifactFetcher}).
 */
final class ArtifactReader {
  private final CommittedFiles files;

  ArtifactReader(CommittedFiles files) {
    this.files = files;
  }

  /**
   * Reads {@code artifacts[i]} into {@code fetched[i]} for each of {@code indexes}, fetching the
   * mirror first when one of their commits is missing; what cannot be read goes to {@code problems}
   * under its index instead.
   *
   * @throws SourceException retryable, when the mirror cannot be reached or read
   */
  void readAll(GitMirror mirror, List<Artifact> artifacts, List<Integer> indexes,
      FetchedArtifact[] fetched, Map<Integer, String> problems) {
    if (indexes.isEmpty()) {
      return;
    }
    Set<String> shas = new LinkedHashSet<>();
    indexes.forEach(i -> shas.add(artifacts.get(i).sha().toLowerCase(Locale.ROOT)));
    mirror.use((repository, freshlyCloned) -> {
      if (!freshlyCloned && CommitResolver.anyMissing(repository, shas)) {
        mirror.update(repository);
      }
      try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        CommitResolver commits = new CommitResolver(reader, walk, mirror.remote());
        for (int i : indexes) {
          try {
            fetched[i] = read(reader, commits, artifacts.get(i), mirror.remote());
          } catch (Refusal refusal) {
            problems.put(i, refusal.getMessage());
          }
        }
      }
      return null;
    });
  }

  private FetchedArtifact read(ObjectReader reader, CommitResolver commits, Artifact artifact,
      GitRemote remote) throws IOException, Refusal {
    String sha = artifact.sha().toLowerCase(Locale.ROOT);
    String where = artifact.path() + " at " + sha;
    RevCommit commit = commits.require(sha, artifact.path());
    try (TreeWalk entry = TreeWalk.forPath(reader, artifact.path(), commit.getTree())) {
      if (entry == null) {
        throw new Refusal(where + ": " + whyMissing(reader, commit, artifact.path(), remote));
      }
      int type = entry.getRawMode(0) & FileMode.TYPE_MASK;
      ObjectId id = entry.getObjectId(0);
      boolean worker = artifact.type() == ArtifactType.WORKER;
      if (type == FileMode.TYPE_TREE && worker) {
        Digest folder = digestFolder(reader, id, artifact.path(), sha);
        return new FetchedArtifact(artifact, folder.hex(), folder.sizeBytes(), new byte[0]);
      }
      if (type == FileMode.TYPE_TREE) {
        throw new Refusal(where + ": is a folder, not a " + artifact.type().wireName()
            + " file; give the path of the file itself");
      }
      CommittedFiles.refuseUnlessRegularFile(type, where, "");
      long size = files.sizeWithinLimit(reader, id, where);
      if (worker) {
        MessageDigest digest = sha256();
        reader.open(id, Constants.OBJ_BLOB).copyTo(digesting(digest));
        return new FetchedArtifact(artifact, hex(digest.digest()), size, new byte[0]);
      }
      byte[] bytes = files.bytes(reader, id);
      return new FetchedArtifact(artifact, hex(sha256().digest(bytes)), bytes.length, bytes);
    }
  }

  private Digest digestFolder(ObjectReader reader, ObjectId tree, String folder, String sha)
      throws IOException, Refusal {
    String where = folder + " at " + sha;
    List<FolderFile> entries = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        CommittedFiles.refuseUnlessRegularFile(walk.getRawMode(0) & FileMode.TYPE_MASK, where,
            " (" + folder + "/" + walk.getPathString() + ")");
        entries.add(new FolderFile(walk.getPathString(), walk.getObjectId(0)));
      }
    }
    if (entries.isEmpty()) {
      throw new Refusal(where + ": folder has no files to deploy; point at the worker's folder");
    }
    entries.sort(Comparator.comparing(FolderFile::utf8Path, Arrays::compareUnsigned));
    MessageDigest digest = sha256();
    OutputStream content = digesting(digest);
    long total = 0;
    for (FolderFile file : entries) {
      long size = files.sizeWithinLimit(reader, file.id(), folder + "/" + file.path() + " at " + sha);
      digest.update(file.utf8Path());
      digest.update((byte) 0);
      digest.update(ByteBuffer.allocate(Long.BYTES).putLong(size).array());
      reader.open(file.id(), Constants.OBJ_BLOB).copyTo(content);
      total += size;
    }
    return new Digest(hex(digest.digest()), total);
  }

  /** Says which part of the path is missing, or what stands in its way. */
  private static String whyMissing(ObjectReader reader, RevCommit commit, String path,
      GitRemote remote) throws IOException {
    String[] segments = path.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < segments.length - 1; i++) {
      prefix.append(i == 0 ? "" : "/").append(segments[i]);
      try (TreeWalk walk = TreeWalk.forPath(reader, prefix.toString(), commit.getTree())) {
        if (walk == null) {
          break;
        }
        int type = walk.getRawMode(0) & FileMode.TYPE_MASK;
        if (type == FileMode.TYPE_SYMLINK) {
          return prefix + " is a symbolic link at that commit; links are not followed, give the "
              + "real path";
        }
        if (type == FileMode.TYPE_GITLINK) {
          return prefix + " is a submodule at that commit; its files live in another repository";
        }
        if (type != FileMode.TYPE_TREE) {
          return prefix + " is a file at that commit, not a folder; fix the path";
        }
      }
    }
    return "nothing at this path at commit " + commit.name() + " in " + remote.label()
        + "; check the path (names are case-sensitive) or the sha";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static OutputStream digesting(MessageDigest digest) {
    return new DigestOutputStream(OutputStream.nullOutputStream(), digest);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private record FolderFile(String path, ObjectId id) {
    byte[] utf8Path() {
      return path.getBytes(StandardCharsets.UTF_8);
    }
  }

  private record Digest(String hex, long sizeBytes) {}
}
