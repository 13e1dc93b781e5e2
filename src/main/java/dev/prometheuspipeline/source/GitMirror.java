package dev.prometheuspipeline.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bare mirror of a remote in the cache folder: cloned the first time it is used, fetched when
 * asked. Everything is read from the object database, never from a working tree, so runs at
 * different commits cannot disturb each other.
 */
final class GitMirror {
  private static final Logger log = LoggerFactory.getLogger(GitMirror.class);

  // Keyed by folder, not by instance: two fetchers configured alike still share one lock.
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final GitRemote remote;
  private final Path cacheDir;
  private final Path folder;
  private final int timeoutSeconds;

  GitMirror(GitRemote remote, Path cacheDir, Duration timeout) {
    this.remote = remote;
    this.cacheDir = cacheDir.toAbsolutePath().normalize();
    this.folder = this.cacheDir.resolve(remote.cacheFolderName());
    this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toSeconds()));
  }

  /** What runs while the mirror is held; {@code freshlyCloned} says a fetch would bring nothing new. */
  @FunctionalInterface
  interface Work<T> {
    T run(Repository repository, boolean freshlyCloned) throws IOException;
  }

  GitRemote remote() {
    return remote;
  }

  /**
   * Runs {@code work} on the mirror, cloning it first when the cache has none, with every other
   * use of the same mirror in this JVM held off until it returns.
   *
   * @throws SourceException retryable, when the remote cannot be cloned or the cache cannot be read
   */
  <T> T use(Work<T> work) {
    ReentrantLock lock = LOCKS.computeIfAbsent(folder, key -> new ReentrantLock());
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while waiting for the cache of " + remote.name()
          + "; run the fetch again", e);
    }
    try {
      boolean cloned = ensureCloned();
      try (Repository repository = open()) {
        return work.run(repository, cloned);
      }
    } catch (IOException e) {
      throw new SourceException("cannot read the cache of " + remote.name() + " in " + folder
          + ": " + e + "; check the disk, or delete that folder to clone afresh", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Brings the mirror up to date with the remote: new commits, moved and deleted branches.
   * Call only from inside {@link #use}.
   *
   * @throws SourceException retryable, when the remote cannot be reached
   */
  void update(Repository repository) {
    fetch(repository, "fetch");
  }

  private void fetch(Repository repository, String action) {
    long started = System.nanoTime();
    FetchCommand fetch = Git.wrap(repository).fetch()
        .setRemote("origin")
        .setRemoveDeletedRefs(true)
        .setTimeout(timeoutSeconds);
    remote.credentials().ifPresent(fetch::setCredentialsProvider);
    try {
      fetch.call();
    } catch (GitAPIException | JGitInternalException e) {
      throw unreachable(action.equals("clone") ? "clone" : "fetch from", e);
    }
    log.info("source action={} repository={} durationMs={}", action, remote.name(),
        millisSince(started));
  }

  private boolean ensureCloned() throws IOException {
    if (Files.isDirectory(folder) && RepositoryCache.FileKey.isGitRepository(folder.toFile(), FS.DETECTED)) {
      return false;
    }
    if (Files.exists(folder)) {
      log.warn("source action=reclone repository={} folder={} reason=not-a-git-repository",
          remote.name(), folder);
      FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE);
    }
    Files.createDirectories(cacheDir);
    // Cloned aside and moved in whole, so an interrupted clone never looks like a mirror.
    Path partial = cacheDir.resolve("." + folder.getFileName() + "." + UUID.randomUUID() + ".partial");
    long started = System.nanoTime();
    try (Git git = Git.init().setBare(true).setDirectory(partial.toFile()).call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", remote.location());
      config.setString("remote", "origin", "fetch", "+refs/*:refs/*");
      config.setBoolean("remote", "origin", "mirror", true);
      // JGit gc's after a fetch, detached by default; a detached gc would still be writing into
      // the mirror after we let go of it (or moved it), so it runs inside the lock instead.
      config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null,
          ConfigConstants.CONFIG_KEY_AUTODETACH, false);
      config.save();
      fetch(git.getRepository(), "clone");
    } catch (GitAPIException | JGitInternalException e) {
      deleteQuietly(partial);
      throw new SourceException("cannot create a mirror of " + remote.name() + " in " + cacheDir
          + ": " + e.getMessage() + "; check that the folder is writable", e);
    } catch (SourceException | IOException e) {
      deleteQuietly(partial);
      throw e;
    }
    try {
      Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(partial);
      // Another process sharing the cache may have got there first; its mirror is as good as ours.
      if (!RepositoryCache.FileKey.isGitRepository(folder.toFile(), FS.DETECTED)) {
        throw e;
      }
    }
    log.debug("source action=mirror repository={} folder={} durationMs={}",
        remote.name(), folder, millisSince(started));
    return true;
  }

  private Repository open() throws IOException {
    return new FileRepositoryBuilder()
        .setGitDir(folder.toFile())
        .setBare()
        .setMustExist(true)
        .build();
  }

  private SourceException unreachable(String action, Exception e) {
    String reason = String.valueOf(e.getMessage());
    // JGit starts its transport messages with the URL, which the message already names; a local repository's
    // path may stand anywhere in it, and is not for the release to see.
    if (reason.startsWith(remote.location() + ": ")) {
      reason = reason.substring(remote.location().length() + 2);
    }
    reason = reason.replace(remote.location(), "the repository");
    return new SourceException("cannot " + action + " " + remote.label() + ": "
        + RepositoryPath.printable(reason)
        + "; check that the repository exists and is reachable and that pipeline.source "
        + "credentials are right, then retry", e);
  }

  private static void deleteQuietly(Path path) {
    try {
      FileUtils.delete(path.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    } catch (IOException e) {
      log.warn("source action=cleanup folder={} outcome=failed error={}", path, e.toString());
    }
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
