package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where keyless signing gets the OIDC identity token Fulcio certifies a key for, asked again at each certificate
 * request (tokens live minutes). A token is never logged nor put in an error.
 */
@FunctionalInterface
public interface IdentityTokenSource {
  String token() throws IOException;

  /** A file its issuer keeps fresh (a projected service-account token, a CI job's token). */
  static IdentityTokenSource file(Path tokenFile) {
    requireNonNull(tokenFile, "tokenFile");
    return () -> {
      try {
        return Files.readString(tokenFile, StandardCharsets.US_ASCII).trim();
      } catch (IOException e) {
        // The path and the failure's class only: an exception message could quote what was read.
        throw new IOException("cannot read the OIDC token file " + tokenFile + " (" + e.getClass().getSimpleName()
            + "); check pipeline.signing.keyless.token-file", e);
      }
    };
  }

  /**
   * The OAuth 2.0 client credentials grant (RFC 6749 §4.4) at the issuer's token endpoint, for a pipeline that is
   * a service, not a person: the {@code id_token} of the answer, else its {@code access_token} (issuers such as
   * Keycloak give a machine client a JWT access token, which Fulcio accepts when it trusts the issuer).
   *
   * @param audience asked for as {@code audience} and {@code scope=openid}; Fulcio expects {@code sigstore}
   */
  static IdentityTokenSource clientCredentials(URI tokenEndpoint, String clientId, String clientSecret,
      String audience, Duration timeout) {
    requireNonNull(tokenEndpoint, "tokenEndpoint");
    requireNonNull(clientId, "clientId");
    requireNonNull(clientSecret, "clientSecret");
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    ObjectMapper json = new ObjectMapper();
    return () -> {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "client_credentials");
      form.put("client_id", clientId);
      form.put("client_secret", clientSecret);
      form.put("scope", "openid");
      form.put("audience", audience);
      String body = form.entrySet().stream()
          .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(timeout)
          .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      HttpResponse<String> answer;
      try {
        answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while asking " + tokenEndpoint + " for a token", e);
      }
      if (answer.statusCode() != 200) {
        // The status and the OAuth error code only: the body may echo what was sent.
        throw new IOException("the token endpoint " + tokenEndpoint + " answered HTTP " + answer.statusCode()
            + errorCode(json, answer.body()) + "; check pipeline.signing.keyless.client-id and client-secret");
      }
      JsonNode token;
      try {
        token = json.readTree(answer.body());
      } catch (IOException e) {
        throw new IOException("the token endpoint " + tokenEndpoint + " answered something that is not JSON", e);
      }
      String idToken = token.path("id_token").asText("");
      String accessToken = token.path("access_token").asText("");
      if (idToken.isBlank() && accessToken.isBlank()) {
        throw new IOException("the token endpoint " + tokenEndpoint + " answered no id_token nor access_token");
      }
      return idToken.isBlank() ? accessToken : idToken;
    };
  }

  private static String errorCode(ObjectMapper json, String body) {
    try {
      String error = json.readTree(body).path("error").asText("");
      return error.matches("[a-z_]{1,40}") ? " (" + error + ")" : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
