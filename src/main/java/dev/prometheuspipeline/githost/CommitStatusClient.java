package dev.prometheuspipeline.githost;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The hosts' commit status APIs, and GitHub's code scanning upload: one call each, errors thrown to the
 * caller (which retries and, in the end, only logs). The token goes in a header and nowhere else.
 */
@Component
public class CommitStatusClient {
  private static final String TOOL = "prometheus-pipeline";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final RestClient.Builder builder;

  @Autowired
  public CommitStatusClient(RestClient.Builder builder) {
    this(builder, TIMEOUT);
  }

  CommitStatusClient(RestClient.Builder builder, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(timeout);
    this.builder = builder.clone().requestFactory(requests);
  }

  /** Sets {@code status} on the origin's commit under {@code context}, linking {@code target} when known. */
  public void post(GitHostsProperties.Host host, String token, ReleaseOrigin origin, String context,
      CommitStatus status, Optional<URI> target) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", stateName(host.kind(), status.state()));
    target.ifPresent(url -> body.put("target_url", url.toString()));
    body.put("description", status.description());
    switch (host.kind()) {
      case GITHUB, GITEA -> {
        body.put("context", context);
        call(host, "POST /repos/{owner}/{name}/statuses/{sha}", () -> rest(host, token).post()
            .uri("/repos/{owner}/{name}/statuses/{sha}", owner(origin), name(origin), origin.commit())
            .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
      }
      case GITLAB -> {
        body.put("name", context);
        body.put("ref", origin.branch());
        call(host, "POST /projects/{id}/statuses/{sha}", () -> rest(host, token).post()
            .uri("/projects/{id}/statuses/{sha}", projectId(origin), origin.commit())
            .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
      }
    }
  }

  /** GitHub code scanning: the SARIF log gzip-compressed and Base64-encoded, as its API requires. */
  public void uploadSarif(GitHostsProperties.Host host, String token, ReleaseOrigin origin, String sarif) {
    if (host.kind() != GitHostKind.GITHUB) {
      throw new IllegalArgumentException("only GitHub accepts SARIF uploads, not " + host.kind().wireName());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("commit_sha", origin.commit());
    body.put("ref", "refs/heads/" + origin.branch());
    body.put("sarif", gzipBase64(sarif));
    body.put("tool_name", TOOL);
    call(host, "POST /repos/{owner}/{name}/code-scanning/sarifs", () -> rest(host, token).post()
        .uri("/repos/{owner}/{name}/code-scanning/sarifs", owner(origin), name(origin))
        .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
  }

  /**
   * One request, its failure said in the pipeline's words: the host's answer is not repeated (it may quote
   * the request), only its status. 429 and 5xx are {@link GitHostException.Unavailable}, worth retrying.
   */
  private static void call(GitHostsProperties.Host host, String what, Runnable request) {
    try {
      request.run();
    } catch (RestClientResponseException e) {
      int status = e.getStatusCode().value();
      String message = host.kind().wireName() + " answered HTTP " + status + " to " + what;
      throw status == 429 || status >= 500 ? new GitHostException.Unavailable(message) : new GitHostException(message);
    } catch (ResourceAccessException e) {
      throw new GitHostException.Unavailable(host.kind().wireName() + " at " + host.apiUrl() + " did not answer "
          + what + ": " + e.getMostSpecificCause().getClass().getSimpleName());
    }
  }

  private RestClient rest(GitHostsProperties.Host host, String token) {
    requireNonNull(host.apiUrl(), "api-url of the " + host.kind().wireName() + " host");
    String base = host.apiUrl().toString();
    return builder.clone()
        .baseUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        .defaultHeaders(authorization(host.kind(), token))
        .build();
  }

  private static Consumer<HttpHeaders> authorization(GitHostKind kind, String token) {
    return headers -> {
      switch (kind) {
        case GITHUB -> {
          headers.setBearerAuth(token);
          headers.set(HttpHeaders.ACCEPT, "application/vnd.github+json");
          headers.set("X-GitHub-Api-Version", "2022-11-28");
        }
        case GITLAB -> headers.set("PRIVATE-TOKEN", token);
        case GITEA -> headers.set(HttpHeaders.AUTHORIZATION, "token " + token);
      }
    };
  }

  private static String stateName(GitHostKind kind, CommitStatus.State state) {
    return switch (state) {
      case PENDING -> "pending";
      // Only GitLab tells running from waiting; the others show both as pending.
      case RUNNING -> kind == GitHostKind.GITLAB ? "running" : "pending";
      case SUCCESS -> "success";
      case FAILURE -> kind == GitHostKind.GITLAB ? "failed" : "failure";
    };
  }

  private static String owner(ReleaseOrigin origin) {
    return ownerAndName(origin)[0];
  }

  private static String name(ReleaseOrigin origin) {
    return ownerAndName(origin)[1];
  }

  private static String[] ownerAndName(ReleaseOrigin origin) {
    String[] parts = origin.repository().split("/");
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("repository must be owner/name, was " + origin.repository());
    }
    return parts;
  }

  private static String projectId(ReleaseOrigin origin) {
    // The numeric id from the push; the path (URL-encoded by the template) when a push carried none.
    return origin.projectId().isEmpty() ? origin.repository() : origin.projectId();
  }

  static String gzipBase64(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
