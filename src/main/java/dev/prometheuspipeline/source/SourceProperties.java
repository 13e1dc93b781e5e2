package dev.prometheuspipeline.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where artifacts come from ({@code pipeline.source.*}).
 *
 * @param repository the models' repository: an {@code https://} URL, a {@code file://} URL or a
 *     local path; empty until configured, and then every fetch says so
 * @param workersRepository where {@code tipo: worker} artifacts come from; empty refuses them
 * @param cacheDir where the bare mirrors are kept between runs
 * @param products the product folders {@link ArtifactFetcher#snapshot} lists
 * @param maxFileBytes the largest file read, in bytes; 0 takes the default
 * @param username user for HTTPS remotes (with a token, often any non-empty name); never logged
 * @param password password or token for HTTPS remotes; never logged
 * @param timeout how long a clone or fetch may stall on the network before it fails
 */
@ConfigurationProperties("pipeline.source")
public record SourceProperties(
    String repository,
    String workersRepository,
    Path cacheDir,
    List<String> products,
    long maxFileBytes,
    String username,
    String password,
    Duration timeout) {

  static final Path DEFAULT_CACHE_DIR = Path.of("data", "git-cache");
  static final List<String> DEFAULT_PRODUCTS = List.of("Genesis", "Prometheus");
  static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
  // File bytes are held in one array; leave room for the JVM's array header.
  private static final long LARGEST_READABLE_FILE = Integer.MAX_VALUE - 8L;

  public SourceProperties {
    repository = repository == null ? "" : repository.trim();
    workersRepository = workersRepository == null ? "" : workersRepository.trim();
    cacheDir = cacheDir == null ? DEFAULT_CACHE_DIR : cacheDir;
    products = products == null || products.isEmpty() ? DEFAULT_PRODUCTS : List.copyOf(products);
    for (String product : products) {
      RepositoryPath.problemWith(product).ifPresent(problem -> {
        throw new IllegalArgumentException("pipeline.source.products: '"
            + RepositoryPath.printable(product) + "': " + problem);
      });
    }
    if (maxFileBytes == 0) {
      maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    }
    if (maxFileBytes < 0 || maxFileBytes > LARGEST_READABLE_FILE) {
      throw new IllegalArgumentException("pipeline.source.max-file-bytes is " + maxFileBytes
          + "; give a size in bytes between 1 and " + LARGEST_READABLE_FILE);
    }
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.toSeconds() < 1) {
      throw new IllegalArgumentException("pipeline.source.timeout is " + timeout
          + "; give at least one second, e.g. 2m");
    }
  }

  /** Settings with every default, reading from {@code repository}. */
  public static SourceProperties of(String repository) {
    return new SourceProperties(repository, "", null, null, 0, null, null, null);
  }

  public boolean hasWorkersRepository() {
    return !workersRepository.isEmpty();
  }

  /** {@link #repository()} as it may be shown or recorded (an SBOM, a provenance): without user-info. */
  public String repositoryWithoutCredentials() {
    return GitRemote.withoutUserInfo(repository);
  }

  /** {@link #workersRepository()} as it may be shown or recorded: without user-info. */
  public String workersRepositoryWithoutCredentials() {
    return GitRemote.withoutUserInfo(workersRepository);
  }

  public boolean hasCredentials() {
    return !username.isEmpty() || !password.isEmpty();
  }

  /** Credentials are left out, and so is any user-info written into a repository URL. */
  @Override
  public String toString() {
    return "SourceProperties[repository=" + GitRemote.withoutUserInfo(repository)
        + ", workersRepository=" + GitRemote.withoutUserInfo(workersRepository)
        + ", cacheDir=" + cacheDir
        + ", products=" + products
        + ", maxFileBytes=" + maxFileBytes
        + ", credentials=" + (hasCredentials() ? "configured" : "none")
        + ", timeout=" + timeout
        + "]";
  }
}
