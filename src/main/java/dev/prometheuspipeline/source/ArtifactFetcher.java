package dev.prometheuspipeline.source;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads release artifacts from Git at their pinned commits.
 *
 * <p>Each configured repository is kept as one bare mirror under {@code pipeline.source.cache-dir}:
 * cloned on first use, fetched again only when a wanted commit is missing. Files are read straight
 * from the object database, so concurrent runs at different commits never disturb each other; uses
 * of one mirror are serialized within the JVM.
 *
 * <p><b>Worker folder digest.</b> A worker artifact whose path is a folder is digested as SHA-256
 * over every file below it, in ascending order of the file's path relative to that folder (compared
 * as unsigned UTF-8 bytes). Each file contributes, in this order:
 * <ol>
 *   <li>its relative path in UTF-8, with forward slashes ({@code src/Main.java}),</li>
 *   <li>one NUL byte ({@code 0x00}),</li>
 *   <li>its size in bytes as an 8-byte big-endian unsigned integer,</li>
 *   <li>its bytes.</li>
 * </ol>
 * File modes (the executable bit) are not part of it. The reported size is the sum of the files'
 * sizes. A worker artifact that is a single file is digested like any other file: SHA-256 of its
 * bytes. Workers keep an empty {@code content}: they deploy by commit, not by bytes.
 */
public final class ArtifactFetcher {
  private static final Logger log = LoggerFactory.getLogger(ArtifactFetcher.class);

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");
  private static final int FULL_SHA_LENGTH = Constants.OBJECT_ID_STRING_LENGTH;
  private static final String REPOSITORY_PROPERTY = "pipeline.source.repository";
  private static final String WORKERS_PROPERTY = "pipeline.source.workers-repository";
  static final String RULES_FILE = ".prometheus/rules.json";
  static final String BPMNLINTRC = ".bpmnlintrc";
  static final String TESTS_FOLDER = "tests";
  static final int MAX_TEST_FILES = 2000;

  private final SourceProperties properties;
  private final Optional<GitMirror> models;
  private final Optional<GitMirror> workers;

  /**
   * @throws SourceException when a configured repository is not a location Git can fetch from
   */
  public ArtifactFetcher(SourceProperties properties) {
    this.properties = requireNonNull(properties, "properties");
    this.models = mirror(REPOSITORY_PROPERTY, properties.repository());
    this.workers = mirror(WORKERS_PROPERTY, properties.workersRepository());
  }

  /**
   * Reads each artifact's {@code path} at its {@code sha}, in the order given.
   *
   * <p>{@code sha} may be full or abbreviated (at least 7 hex characters, matching one commit).
   * Worker artifacts come from the workers repository and may name a file or a folder; their
   * content stays empty. Every other artifact must name a regular file, whose bytes are returned.
   *
   * @return one fetched artifact per artifact asked for, with lowercase hex SHA-256 and size
   * @throws SourceException naming every artifact that cannot be read and how to fix it; retryable
   *     only when a repository could not be reached or read
   */
  public List<FetchedArtifact> fetch(List<Artifact> artifacts) {
    requireNonNull(artifacts, "artifacts");
    long started = System.nanoTime();
    Map<Integer, String> problems = new TreeMap<>();
    for (int i = 0; i < artifacts.size(); i++) {
      int index = i;
      problemWithRequest(artifacts.get(i)).ifPresent(problem -> problems.put(index, problem));
    }
    throwIfAny(problems);

    FetchedArtifact[] fetched = new FetchedArtifact[artifacts.size()];
    List<Integer> fromModels = new ArrayList<>();
    List<Integer> fromWorkers = new ArrayList<>();
    for (int i = 0; i < artifacts.size(); i++) {
      (artifacts.get(i).type() == ArtifactType.WORKER ? fromWorkers : fromModels).add(i);
    }
    models.ifPresent(mirror -> readAll(mirror, artifacts, fromModels, fetched, problems));
    workers.ifPresent(mirror -> readAll(mirror, artifacts, fromWorkers, fetched, problems));
    throwIfAny(problems);
    log.debug("source action=read artifacts={} durationMs={}", artifacts.size(),
        (System.nanoTime() - started) / 1_000_000);
    return List.of(fetched);
  }

  /**
   * Reads the files that travel with the release's models: the rule configuration at the repository root
   * ({@code .prometheus/rules.json}, {@code .bpmnlintrc}) and each product's tests ({@code tests/<product>/}
   * and {@code <product>/tests/}, {@code .json} and {@code .xml} files). When a release pins its models to
   * several commits, the newest of them is read (per product, for tests): that is the state the team meant
   * to release. Call after {@link #fetch}, which brings the commits into the mirror.
   *
   * @return the files found, configuration first, then tests in path order; empty when the release has no
   *     models
   * @throws SourceException when a companion file is over the size limit or not a regular file, or there are
   *     more tests than {@value #MAX_TEST_FILES}
   */
  public List<CompanionFile> companions(List<FetchedArtifact> fetched) {
    requireNonNull(fetched, "fetched");
    Map<String, Set<String>> shasByProduct = new TreeMap<>();
    for (FetchedArtifact artifact : fetched) {
      if (artifact.type() != ArtifactType.WORKER) {
        shasByProduct.computeIfAbsent(artifact.artifact().product(), p -> new LinkedHashSet<>())
            .add(artifact.artifact().sha().toLowerCase(Locale.ROOT));
      }
    }
    if (shasByProduct.isEmpty() || models.isEmpty()) {
      return List.of();
    }
    GitMirror mirror = models.get();
    return mirror.use((repository, freshlyCloned) -> {
      try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        List<CompanionFile> files = new ArrayList<>();
        Map<String, RevCommit> newestByProduct = new TreeMap<>();
        RevCommit newest = null;
        for (Map.Entry<String, Set<String>> product : shasByProduct.entrySet()) {
          RevCommit productNewest = null;
          for (String sha : product.getValue()) {
            productNewest = newer(walk, productNewest, commitOrThrow(reader, walk, sha, mirror.remote()));
          }
          newestByProduct.put(product.getKey(), productNewest);
          newest = newer(walk, newest, productNewest);
        }
        for (String config : List.of(RULES_FILE, BPMNLINTRC)) {
          readCompanion(reader, newest, config, CompanionFile.Kind.RULE_CONFIG).ifPresent(files::add);
        }
        List<CompanionFile> tests = new ArrayList<>();
        for (Map.Entry<String, RevCommit> product : newestByProduct.entrySet()) {
          if (!product.getKey().isEmpty()) {
            tests.addAll(testsOf(reader, product.getValue(), product.getKey()));
          }
        }
        tests.sort(Comparator.comparing(CompanionFile::path));
        files.addAll(tests);
        log.debug("source action=companions commit={} files={}", newest.name(), files.size());
        return files;
      } catch (Refusal refusal) {
        throw new SourceException(refusal.getMessage());
      }
    });
  }

  /**
   * Writes a worker artifact's files at its sha into a temporary folder, for tools that need files
   * on disk (linters, test runners). Only the artifact's path is written. Close the result to delete it.
   *
   * @throws SourceException when no workers repository is configured, the commit or path does not
   *     exist, or the path holds a link or an oversized file; retryable only when the repository
   *     could not be reached or the disk failed
   */
  public WorkerCheckout checkOut(Artifact worker) {
    requireNonNull(worker, "worker");
    if (worker.type() != ArtifactType.WORKER) {
      throw new IllegalArgumentException(worker.path() + " is a " + worker.type().wireName() + ", not a worker");
    }
    problemWithRequest(worker).ifPresent(problem -> {
      throw new SourceException(problem);
    });
    GitMirror mirror = workers.orElseThrow(() -> notConfigured(WORKERS_PROPERTY));
    String sha = worker.sha().toLowerCase(Locale.ROOT);
    return mirror.use((repository, freshlyCloned) -> {
      try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        Optional<RevCommit> commit = findCommit(reader, walk, sha, mirror.remote(), worker.path());
        if (commit.isEmpty() && !freshlyCloned) {
          mirror.update(repository);
          commit = findCommit(reader, walk, sha, mirror.remote(), worker.path());
        }
        RevCommit found = commit.orElseThrow(() -> new SourceException(worker.path() + ": commit " + sha
            + " not found in " + mirror.remote().name() + "; push it or fix the sha"));
        return WorkerCheckout.write(reader, found, worker, properties.maxFileBytes());
      } catch (Refusal refusal) {
        throw new SourceException(refusal.getMessage());
      } catch (IllegalArgumentException e) {
        throw new SourceException(RepositoryPath.printable(e.getMessage()) + "; fix the worker's path or sha");
      }
    });
  }

  /**
   * Lists the engine artifacts ({@code .bpmn .dmn .form .html}) under the configured product
   * folders at a branch's head or at a commit, after fetching the repository.
   *
   * @param branchOrCommit a branch name ({@code main}, {@code release/1.4}), a tag name, or a full
   *     or abbreviated commit sha; a branch wins over a commit whose sha starts the same way
   * @throws SourceException naming the branch or commit when the repository has no such thing
   */
  public SourceSnapshot snapshot(String branchOrCommit) {
    requireNonNull(branchOrCommit, "branchOrCommit");
    String wanted = branchOrCommit.trim();
    if (wanted.isEmpty() || !RepositoryPath.printable(wanted).equals(wanted)) {
      throw new SourceException("'" + RepositoryPath.printable(branchOrCommit)
          + "' is not a branch name or commit sha; give e.g. main or 1a2b3c4");
    }
    GitMirror mirror = models.orElseThrow(() -> notConfigured(REPOSITORY_PROPERTY));
    return mirror.use((repository, freshlyCloned) -> {
      // A full sha already in the mirror cannot change; anything else may have moved on the remote.
      if (!freshlyCloned && !isPresentCommit(repository, wanted)) {
        mirror.update(repository);
      }
      try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        RevCommit commit = resolve(repository, reader, walk, wanted, mirror.remote());
        List<Artifact> artifacts = engineArtifacts(reader, commit);
        log.debug("source action=snapshot repository={} ref={} commit={} artifacts={}",
            mirror.remote().name(), wanted, commit.name(), artifacts.size());
        return new SourceSnapshot(commit.name(), artifacts);
      }
    });
  }

  private Optional<String> problemWithRequest(Artifact artifact) {
    String path = RepositoryPath.printable(artifact.path());
    String sha = RepositoryPath.printable(artifact.sha());
    Optional<String> pathProblem = RepositoryPath.problemWith(artifact.path());
    if (pathProblem.isPresent()) {
      return Optional.of("'" + path + "' at " + sha + ": " + pathProblem.get());
    }
    if (!SHA.matcher(artifact.sha().toLowerCase(Locale.ROOT)).matches()) {
      return Optional.of(path + ": '" + sha + "' is not a commit sha; give 7 to 40 hex characters "
          + "of the commit, e.g. 1a2b3c4");
    }
    if (artifact.type() == ArtifactType.WORKER && workers.isEmpty()) {
      return Optional.of(path + " at " + sha + ": worker artifacts come from the workers repository "
          + "and none is configured; set " + WORKERS_PROPERTY);
    }
    if (artifact.type() != ArtifactType.WORKER && models.isEmpty()) {
      return Optional.of(path + " at " + sha + ": no repository configured; set "
          + REPOSITORY_PROPERTY);
    }
    return Optional.empty();
  }

  private void readAll(GitMirror mirror, List<Artifact> artifacts, List<Integer> indexes,
      FetchedArtifact[] fetched, Map<Integer, String> problems) {
    if (indexes.isEmpty()) {
      return;
    }
    Set<String> shas = new LinkedHashSet<>();
    indexes.forEach(i -> shas.add(artifacts.get(i).sha().toLowerCase(Locale.ROOT)));
    mirror.use((repository, freshlyCloned) -> {
      if (!freshlyCloned && anyMissing(repository, shas)) {
        mirror.update(repository);
      }
      try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        for (int i : indexes) {
          try {
            fetched[i] = read(reader, walk, artifacts.get(i), mirror.remote());
          } catch (Refusal refusal) {
            problems.put(i, refusal.getMessage());
          }
        }
      }
      return null;
    });
  }

  private FetchedArtifact read(ObjectReader reader, RevWalk walk, Artifact artifact,
      GitRemote remote) throws IOException, Refusal {
    String sha = artifact.sha().toLowerCase(Locale.ROOT);
    String where = artifact.path() + " at " + sha;
    RevCommit commit = findCommit(reader, walk, sha, remote, artifact.path())
        .orElseThrow(() -> new Refusal(artifact.path() + ": commit " + sha + " not found in "
            + remote.name() + "; push it or fix the sha"));
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
      refuseUnlessRegularFile(type, where, "");
      long size = sizeWithinLimit(reader, id, where);
      if (worker) {
        MessageDigest digest = sha256();
        reader.open(id, Constants.OBJ_BLOB).copyTo(digesting(digest));
        return new FetchedArtifact(artifact, hex(digest), size, new byte[0]);
      }
      byte[] bytes = reader.open(id, Constants.OBJ_BLOB).getBytes((int) properties.maxFileBytes());
      return new FetchedArtifact(artifact, hex(sha256().digest(bytes)), bytes.length, bytes);
    }
  }

  private Digest digestFolder(ObjectReader reader, ObjectId tree, String folder, String sha)
      throws IOException, Refusal {
    String where = folder + " at " + sha;
    List<FolderFile> files = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        refuseUnlessRegularFile(walk.getRawMode(0) & FileMode.TYPE_MASK, where,
            " (" + folder + "/" + walk.getPathString() + ")");
        files.add(new FolderFile(walk.getPathString(), walk.getObjectId(0)));
      }
    }
    if (files.isEmpty()) {
      throw new Refusal(where + ": folder has no files to deploy; point at the worker's folder");
    }
    files.sort(Comparator.comparing(FolderFile::utf8Path, Arrays::compareUnsigned));
    MessageDigest digest = sha256();
    OutputStream content = digesting(digest);
    long total = 0;
    for (FolderFile file : files) {
      long size = sizeWithinLimit(reader, file.id(), folder + "/" + file.path() + " at " + sha);
      digest.update(file.utf8Path());
      digest.update((byte) 0);
      digest.update(ByteBuffer.allocate(Long.BYTES).putLong(size).array());
      reader.open(file.id(), Constants.OBJ_BLOB).copyTo(content);
      total += size;
    }
    return new Digest(hex(digest), total);
  }

  private static void refuseUnlessRegularFile(int type, String where, String which) throws Refusal {
    if (type == FileMode.TYPE_SYMLINK) {
      throw new Refusal(where + which + ": is a symbolic link; links are not followed, "
          + "commit the file itself");
    }
    if (type == FileMode.TYPE_GITLINK) {
      throw new Refusal(where + which + ": is a submodule; its files live in another repository, "
          + "fetch them from there");
    }
    if (type != FileMode.TYPE_FILE) {
      throw new Refusal(where + which + ": is not a regular file (mode "
          + Integer.toOctalString(type) + ")");
    }
  }

  private long sizeWithinLimit(ObjectReader reader, ObjectId blob, String where) throws IOException,
      Refusal {
    long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
    if (size > properties.maxFileBytes()) {
      throw new Refusal(where + ": file is " + size + " bytes, over the limit of "
          + properties.maxFileBytes() + " bytes; shrink it or raise pipeline.source.max-file-bytes");
    }
    return size;
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
    return "nothing at this path at commit " + commit.name() + " in " + remote.name()
        + "; check the path (names are case-sensitive) or the sha";
  }

  private boolean anyMissing(Repository repository, Collection<String> shas) throws IOException {
    try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      for (String sha : shas) {
        try {
          if (findCommit(reader, walk, sha, null, "").isEmpty()) {
            return true;
          }
        } catch (Refusal ambiguousOrNotACommit) {
          // Reported when the artifact is read; fetching more cannot make it a unique commit.
        }
      }
    }
    return false;
  }

  private boolean isPresentCommit(Repository repository, String wanted) throws IOException {
    String sha = wanted.toLowerCase(Locale.ROOT);
    if (sha.length() != FULL_SHA_LENGTH || !SHA.matcher(sha).matches()) {
      return false;
    }
    try (ObjectReader reader = repository.newObjectReader()) {
      ObjectId id = ObjectId.fromString(sha);
      return reader.has(id, Constants.OBJ_COMMIT);
    }
  }

  /**
   * The one commit {@code sha} names, or empty when the mirror has none.
   *
   * @throws Refusal when an abbreviation matches several commits, or the object is no commit
   */
  private static Optional<RevCommit> findCommit(ObjectReader reader, RevWalk walk, String sha,
      GitRemote remote, String path) throws IOException, Refusal {
    Collection<ObjectId> candidates = reader.resolve(AbbreviatedObjectId.fromString(sha));
    List<ObjectId> commits = new ArrayList<>();
    List<ObjectId> present = new ArrayList<>();
    for (ObjectId candidate : candidates) {
      // A full sha "resolves" to itself whether or not the mirror has it.
      if (!reader.has(candidate)) {
        continue;
      }
      present.add(candidate);
      if (reader.open(candidate).getType() == Constants.OBJ_COMMIT) {
        commits.add(candidate);
      }
    }
    String who = path.isEmpty() ? "" : path + ": ";
    String in = remote == null ? "" : " in " + remote.name();
    if (commits.size() > 1) {
      throw new Refusal(who + "sha " + sha + " matches " + commits.size() + " commits" + in
          + "; give more of its characters");
    }
    if (commits.isEmpty() && !present.isEmpty()) {
      throw new Refusal(who + sha + " names a file or folder object" + in
          + ", not a commit; give the commit's sha");
    }
    return commits.isEmpty() ? Optional.empty() : Optional.of(walk.parseCommit(commits.get(0)));
  }

  private static RevCommit resolve(Repository repository, ObjectReader reader, RevWalk walk,
      String wanted, GitRemote remote) throws IOException {
    List<String> names = wanted.startsWith(Constants.R_REFS)
        ? List.of(wanted)
        : List.of(Constants.R_HEADS + wanted, Constants.R_TAGS + wanted);
    for (String name : names) {
      if (!Repository.isValidRefName(name)) {
        continue;
      }
      Ref ref = repository.exactRef(name);
      if (ref != null && ref.getObjectId() != null) {
        // parseCommit peels annotated tags down to their commit.
        return walk.parseCommit(ref.getObjectId());
      }
    }
    String sha = wanted.toLowerCase(Locale.ROOT);
    if (SHA.matcher(sha).matches()) {
      try {
        Optional<RevCommit> commit = findCommit(reader, walk, sha, remote, "");
        if (commit.isPresent()) {
          return commit.get();
        }
      } catch (Refusal refusal) {
        throw new SourceException(refusal.getMessage());
      }
      throw new SourceException("no branch, tag or commit '" + wanted + "' in " + remote.name()
          + "; push it or fix the name");
    }
    throw new SourceException("no branch '" + wanted + "' in " + remote.name()
        + "; push it or fix the name");
  }

  /** The later of two commits: by commit time, and within the same second, the descendant. */
  private static RevCommit newer(RevWalk walk, RevCommit a, RevCommit b) throws IOException {
    if (a == null || a.equals(b)) {
      return b;
    }
    if (a.getCommitTime() != b.getCommitTime()) {
      return a.getCommitTime() > b.getCommitTime() ? a : b;
    }
    return walk.isMergedInto(a, b) ? b : a;
  }

  private static RevCommit commitOrThrow(ObjectReader reader, RevWalk walk, String sha, GitRemote remote)
      throws IOException, Refusal {
    return findCommit(reader, walk, sha, remote, "")
        .orElseThrow(() -> new Refusal("commit " + sha + " not found in " + remote.name()
            + " while reading the release's tests and rule configuration; fetch the artifacts first"));
  }

  private Optional<CompanionFile> readCompanion(ObjectReader reader, RevCommit commit, String path,
      CompanionFile.Kind kind) throws IOException, Refusal {
    try (TreeWalk entry = TreeWalk.forPath(reader, path, commit.getTree())) {
      if (entry == null) {
        return Optional.empty();
      }
      String where = path + " at " + commit.name();
      refuseUnlessRegularFile(entry.getRawMode(0) & FileMode.TYPE_MASK, where, "");
      ObjectId id = entry.getObjectId(0);
      sizeWithinLimit(reader, id, where);
      byte[] bytes = reader.open(id, Constants.OBJ_BLOB).getBytes((int) properties.maxFileBytes());
      return Optional.of(new CompanionFile(kind, path, commit.name(), bytes));
    }
  }

  private List<CompanionFile> testsOf(ObjectReader reader, RevCommit commit, String product)
      throws IOException, Refusal {
    List<String> paths = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      walk.setFilter(PathFilterGroup.createFromStrings(TESTS_FOLDER + "/" + product, product + "/" + TESTS_FOLDER));
      while (walk.next()) {
        String name = walk.getNameString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".xml")) {
          paths.add(walk.getPathString());
        }
      }
    }
    if (paths.size() > MAX_TEST_FILES) {
      throw new Refusal(product + ": " + paths.size() + " test files at " + commit.name() + ", over the limit of "
          + MAX_TEST_FILES + "; split the product or merge test files");
    }
    List<CompanionFile> tests = new ArrayList<>();
    for (String path : paths) {
      readCompanion(reader, commit, path, CompanionFile.Kind.TEST).ifPresent(tests::add);
    }
    return tests;
  }

  private List<Artifact> engineArtifacts(ObjectReader reader, RevCommit commit) throws IOException {
    List<Artifact> artifacts = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      walk.setFilter(PathFilterGroup.createFromStrings(properties.products()));
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

  private Optional<GitMirror> mirror(String property, String configured) {
    if (configured.isEmpty()) {
      return Optional.empty();
    }
    GitRemote remote = GitRemote.of(property, configured, properties.username(),
        properties.password());
    return Optional.of(new GitMirror(remote, properties.cacheDir(), properties.timeout()));
  }

  private static SourceException notConfigured(String property) {
    return new SourceException("no repository configured; set " + property
        + " to an https:// URL, a file:// URL or a local path");
  }

  private static void throwIfAny(Map<Integer, String> problems) {
    if (!problems.isEmpty()) {
      throw SourceException.of(List.copyOf(problems.values()));
    }
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

  private static String hex(MessageDigest digest) {
    return hex(digest.digest());
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

  /** A mistake in one artifact; collected so every mistake is reported at once. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message);
    }
  }
}
