package dev.prometheuspipeline.source;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.release.Contexto;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

  private static final String REPOSITORY_PROPERTY = "pipeline.source.repository";
  private static final String WORKERS_PROPERTY = "pipeline.source.workers-repository";

  private final SourceProperties properties;
  private final Optional<GitMirror> models;
  private final Optional<GitMirror> workers;
  private final ArtifactReader artifactReader;
  private final CompanionReader companionReader;
  private final SnapshotReader snapshotReader;

  /**
   * @throws SourceException when a configured repository is not a location Git can fetch from
   */
  public ArtifactFetcher(SourceProperties properties) {
    this.properties = requireNonNull(properties, "properties");
    this.models = mirror(REPOSITORY_PROPERTY, properties.repository());
    this.workers = mirror(WORKERS_PROPERTY, properties.workersRepository());
    CommittedFiles files = new CommittedFiles(properties.maxFileBytes());
    this.artifactReader = new ArtifactReader(files);
    this.companionReader = new CompanionReader(files);
    this.snapshotReader = new SnapshotReader(properties.products());
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
    models.ifPresent(mirror -> artifactReader.readAll(mirror, artifacts, fromModels, fetched, problems));
    workers.ifPresent(mirror -> artifactReader.readAll(mirror, artifacts, fromWorkers, fetched, problems));
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
   *     more tests than {@value CompanionReader#MAX_TEST_FILES}
   */
  public List<CompanionFile> companions(List<FetchedArtifact> fetched) {
    requireNonNull(fetched, "fetched");
    return models.map(mirror -> companionReader.read(mirror, fetched)).orElse(List.of());
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
    return WorkerCheckout.from(mirror, worker, properties.maxFileBytes());
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
    String wanted = SnapshotReader.wanted(branchOrCommit);
    GitMirror mirror = models.orElseThrow(() -> notConfigured(REPOSITORY_PROPERTY));
    return snapshotReader.read(mirror, wanted);
  }

  /**
   * The full sha a branch's head, a tag or an abbreviated sha names now, after fetching the repository when
   * the mirror does not hold that commit already.
   *
   * @throws SourceException naming the branch or commit when the repository has no such thing
   */
  public String resolve(String branchOrCommit) {
    requireNonNull(branchOrCommit, "branchOrCommit");
    String wanted = SnapshotReader.wanted(branchOrCommit);
    return snapshotReader.resolve(models.orElseThrow(() -> notConfigured(REPOSITORY_PROPERTY)), wanted);
  }

  /**
   * The artifacts a push to the release branch releases: every engine artifact under the product folders at
   * {@code commit}, as {@link #snapshot} lists them.
   *
   * @throws SourceException when the commit is not in the repository (retryable only when the repository could
   *     not be reached), or when it holds no engine artifact, or more than one release may carry
   */
  public List<Artifact> pushed(String commit) {
    SourceSnapshot snapshot = snapshot(commit);
    if (snapshot.artifacts().isEmpty()) {
      throw new SourceException("no .bpmn, .dmn, .form or .html files under the product folders "
          + properties.products() + " at " + snapshot.commit() + "; nothing to release");
    }
    if (snapshot.artifacts().size() > Contexto.MAX_ARTEFATOS) {
      throw new SourceException(snapshot.artifacts().size() + " engine artifacts under the product folders at "
          + snapshot.commit() + ", over the " + Contexto.MAX_ARTEFATOS + " one release may carry; release the "
          + "products separately through POST /api/releases");
    }
    return snapshot.artifacts();
  }

  private Optional<String> problemWithRequest(Artifact artifact) {
    String path = RepositoryPath.printable(artifact.path());
    String sha = RepositoryPath.printable(artifact.sha());
    Optional<String> pathProblem = RepositoryPath.problemWith(artifact.path());
    if (pathProblem.isPresent()) {
      return Optional.of("'" + path + "' at " + sha + ": " + pathProblem.get());
    }
    if (!CommitResolver.isSha(artifact.sha().toLowerCase(Locale.ROOT))) {
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
}
