package dev.prometheuspipeline.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The workers' repository on this host: cloned into the working directory the first time, fetched each deploy,
 * and checked out at exactly the commit asked for, detached. Never {@code git pull}: a pull deploys whatever the
 * branch holds by then, which need not be what the pipeline validated.
 */
final class WorkerRepository {
  /** Every branch and tag, so a commit reachable from any of them is found. */
  private static final RefSpec[] REFS = {new RefSpec("+refs/heads/*:refs/remotes/origin/*"),
      new RefSpec("+refs/tags/*:refs/tags/*")};

  private final String location;
  private final String name;
  private final Optional<CredentialsProvider> credentials;
  private final Path workDir;
  private final int timeoutSeconds;

  /**
   * @param repository a URL or local path; user-info in an {@code https://} URL, or {@code username} and
   *     {@code password} when given, are the credentials, and never part of what JGit sees or messages name
   */
  WorkerRepository(String repository, String username, String password, Path workDir, Duration timeout) {
    requireNonNull(repository, "repository");
    this.workDir = workDir.toAbsolutePath().normalize();
    this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    URIish uri = parse(repository.trim());
    boolean https = "https".equals(uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT));
    String user = username.isEmpty() ? nullToEmpty(uri.getUser()) : username;
    String secret = username.isEmpty() && password.isEmpty() ? nullToEmpty(uri.getPass()) : password;
    this.location = uri.setUser(null).setPass(null).toString();
    this.name = location;
    // Tokens go only to HTTPS: over plain HTTP they would cross the network readable by anyone.
    this.credentials = https && !(user.isEmpty() && secret.isEmpty())
        ? Optional.of(new UsernamePasswordCredentialsProvider(user, secret)) : Optional.empty();
  }

  private static URIish parse(String repository) {
    try {
      return new URIish(repository);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--repository is not a Git URL or path; give e.g."
          + " https://git.example.com/org/workers.git");
    }
  }

  /** How status and logs name the repository: its URL without credentials. */
  String name() {
    return name;
  }

  /**
   * Brings the working directory to {@code commit}: clone or fetch, then a forced detached checkout.
   *
   * @throws ProgramRun.Failed when the repository cannot be fetched or does not hold the commit
   */
  void checkOut(String commit) {
    try (Git git = openOrClone()) {
      fetch(git);
      Repository repository = git.getRepository();
      ObjectId id = ObjectId.fromString(commit);
      try (RevWalk walk = new RevWalk(repository)) {
        walk.parseCommit(id);
      } catch (MissingObjectException | IncorrectObjectTypeException e) {
        throw failed("commit " + commit + " not found in " + name);
      }
      detach(git, id);
    } catch (GitAPIException | IOException e) {
      throw failed("cannot fetch " + commit + " from " + name + ": " + e.getMessage());
    }
  }

  /**
   * HEAD detached at the commit, then a hard reset to it: the index and every tracked file become the commit's,
   * whatever a previous install changed, while untracked files (node_modules) stay for {@code npm ci} to judge.
   */
  private void detach(Git git, ObjectId id) {
    Repository repository = git.getRepository();
    try {
      RefUpdate head = repository.updateRef(Constants.HEAD, true);
      head.setNewObjectId(id);
      RefUpdate.Result result = head.forceUpdate();
      if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE
          || result == RefUpdate.Result.REJECTED) {
        throw failed("cannot move HEAD to " + id.getName() + " (" + result + "); is another git using the checkout?");
      }
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(id.getName()).call();
      if (!id.equals(repository.resolve(Constants.HEAD))) {
        throw failed("the checkout of " + id.getName() + " left HEAD elsewhere");
      }
    } catch (GitAPIException | IOException e) {
      throw failed("cannot check out " + id.getName() + ": " + e.getMessage());
    }
  }

  private Git openOrClone() throws IOException, GitAPIException {
    if (Files.isDirectory(workDir.resolve(".git"))) {
      return Git.open(workDir.toFile());
    }
    if (Files.isDirectory(workDir)) {
      try (Stream<Path> entries = Files.list(workDir)) {
        if (entries.findAny().isPresent()) {
          throw failed("the working directory holds files but no Git repository; give --work-dir an empty or"
              + " new folder, which the agent clones into");
        }
      }
    }
    var clone = Git.cloneRepository().setURI(location).setDirectory(workDir.toFile()).setNoCheckout(true)
        .setTimeout(timeoutSeconds);
    credentials.ifPresent(clone::setCredentialsProvider);
    return clone.call();
  }

  private void fetch(Git git) throws GitAPIException {
    var fetch = git.fetch().setRemote("origin").setRefSpecs(REFS).setRemoveDeletedRefs(true)
        .setTimeout(timeoutSeconds);
    credentials.ifPresent(fetch::setCredentialsProvider);
    fetch.call();
  }

  private static ProgramRun.Failed failed(String reason) {
    return new ProgramRun.Failed(reason, new WorkerStatus.Step("checkout", "git checkout --detach", null, ""));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
