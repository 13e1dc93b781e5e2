package dev.prometheuspipeline.source;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A configured repository: where JGit fetches from, the name it goes by in messages, and the
 * credentials for it. Credentials never travel inside the URL JGit sees, so no JGit message,
 * exception or stored config can carry them.
 */
final class GitRemote {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);
  private static final Pattern SCP_LIKE = Pattern.compile("^[^/\\\\]+@[^/\\\\:]+:.*", Pattern.DOTALL);
  private static final Set<String> NETWORK_SCHEMES = Set.of("https", "http", "git");

  private final String location;
  private final String name;
  private final String label;
  private final String cacheKey;
  private final Optional<CredentialsProvider> credentials;

  private GitRemote(String location, String name, String label, String cacheKey,
      Optional<CredentialsProvider> credentials) {
    this.location = location;
    this.name = name;
    this.label = label;
    this.cacheKey = cacheKey;
    this.credentials = credentials;
  }

  /**
   * Reads a configured repository: an {@code https://}, {@code http://}, {@code git://} or
   * {@code file://} URL, or a plain local path. User-info in an HTTPS URL is used as credentials
   * when none are configured explicitly.
   *
   * @param property the property the value came from, named in error messages
   * @throws SourceException when the value is not a repository location we can fetch from
   */
  static GitRemote of(String property, String configured, String username, String password) {
    String value = configured.trim();
    if (value.isEmpty()) {
      throw new SourceException("no repository configured; set " + property
          + " to an https:// URL, a file:// URL or a local path");
    }
    if (SCHEME.matcher(value).matches()) {
      return ofUrl(property, value, username, password);
    }
    if (SCP_LIKE.matcher(value).matches()) {
      throw new SourceException(property + " is an SSH location (" + withoutUserInfo(value)
          + "); SSH is not supported, use the https:// URL with pipeline.source.username/password");
    }
    Path local = Path.of(value).toAbsolutePath().normalize();
    return new GitRemote(local.toString(), local.toString(), property, local.toString(), Optional.empty());
  }

  private static GitRemote ofUrl(String property, String value, String username, String password) {
    URIish uri;
    try {
      uri = new URIish(value);
    } catch (URISyntaxException e) {
      throw new SourceException(property + " is not a valid URL (" + withoutUserInfo(value)
          + "); give e.g. https://git.example.com/org/repo.git");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      Path local = Path.of(uri.getPath()).toAbsolutePath().normalize();
      return new GitRemote(local.toString(), uri.setUser(null).setPass(null).toString(), property,
          local.toString(), Optional.empty());
    }
    if (!NETWORK_SCHEMES.contains(scheme)) {
      throw new SourceException(property + " uses the unsupported scheme '" + scheme
          + "'; use https://, http://, git://, file:// or a local path");
    }
    String user = username.isEmpty() ? nullToEmpty(uri.getUser()) : username;
    String secret = username.isEmpty() && password.isEmpty() ? nullToEmpty(uri.getPass()) : password;
    URIish bare = uri.setUser(null).setPass(null);
    String url = bare.toString();
    // Tokens go only to HTTPS: over plain HTTP they would cross the network readable by anyone.
    Optional<CredentialsProvider> credentials = scheme.equals("https")
        && !(user.isEmpty() && secret.isEmpty())
        ? Optional.of(new UsernamePasswordCredentialsProvider(user, secret))
        : Optional.empty();
    return new GitRemote(url, url, property + " (" + url + ")", url, credentials);
  }

  /** The configured value with any user-info removed from a URL, safe to print and log. */
  static String withoutUserInfo(String configured) {
    String value = configured.trim();
    if (SCHEME.matcher(value).matches()) {
      try {
        return new URIish(value).setUser(null).setPass(null).toString();
      } catch (URISyntaxException e) {
        int schemeEnd = value.indexOf("://") + 3;
        int at = value.lastIndexOf('@');
        int slash = value.indexOf('/', schemeEnd);
        boolean userInfo = at > schemeEnd && (slash < 0 || at < slash);
        return userInfo ? value.substring(0, schemeEnd) + value.substring(at + 1) : value;
      }
    }
    if (SCP_LIKE.matcher(value).matches()) {
      return value.substring(value.indexOf('@') + 1);
    }
    return value;
  }

  /** What JGit clones and fetches from; never carries credentials. */
  String location() {
    return location;
  }

  /** How messages and logs name this repository. */
  String name() {
    return name;
  }

  /**
   * How a run's failure names this repository: the property it is configured by, and its URL where it is a
   * network one. A local repository's path is the server's business, not the release's.
   */
  String label() {
    return label;
  }

  Optional<CredentialsProvider> credentials() {
    return credentials;
  }

  /**
   * The mirror's folder name in the cache: readable, and unique per location so a local path and
   * the {@code file://} URL of the same folder share one mirror.
   */
  String cacheFolderName() {
    String tail = cacheKey.replaceAll("[/\\\\]+$", "");
    tail = tail.substring(Math.max(tail.lastIndexOf('/'), tail.lastIndexOf('\\')) + 1);
    tail = tail.replaceAll("\\.git$", "").replaceAll("[^A-Za-z0-9._-]", "_");
    if (tail.isEmpty() || tail.startsWith(".")) {
      tail = "repo" + tail;
    }
    return tail + "-" + sha256(cacheKey).substring(0, 16) + ".git";
  }

  @Override
  public String toString() {
    return name;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
