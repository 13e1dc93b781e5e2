package dev.prometheuspipeline.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriBuilder;

/**
 * Typed calls to one target engine's REST API (Camunda 7), authenticated with HTTP basic auth.
 * Every failure is a {@link TargetException}: unreachable or slow targets and server errors are
 * retryable; refused credentials, bad requests and models the engine cannot parse are not.
 */
public final class TargetEngineClient {
  private static final int MAX_BODY_IN_MESSAGE = 300;
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final ObjectMapper ERROR_READER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final CamundaTarget target;
  private final RestClient rest;
  private final int pageSize;

  /**
   * A client of {@code target} built from the application's {@code builder} (copied, so its message
   * converters and observations apply and nothing set here leaks into other clients).
   */
  public TargetEngineClient(CamundaTarget target, RestClient.Builder builder) {
    this(target, builder, DEFAULT_PAGE_SIZE);
  }

  TargetEngineClient(CamundaTarget target, RestClient.Builder builder, int pageSize) {
    this.target = requireNonNull(target, "target");
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive; got " + pageSize);
    }
    this.pageSize = pageSize;
    HttpClient http = HttpClient.newBuilder()
        // Engines answer plain HTTP/1.1; the JDK's default h2c upgrade attempt only adds a round of headers.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(target.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(target.timeout());
    this.rest = builder.clone()
        .requestFactory(requests)
        .baseUrl(withoutTrailingSlash(target.restUrl()))
        .defaultHeaders(headers -> headers.setBasicAuth(target.username(), target.password(), UTF_8))
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
          throw refusal(request, response);
        })
        .build();
  }

  public CamundaTarget target() {
    return target;
  }

  /**
   * The number of deployments the user can see: an authenticated probe. ({@code GET /engine} answers
   * without credentials, so it would hide a wrong password.)
   */
  public long deploymentCount() {
    Count count = call("GET /deployment/count", () -> rest.get()
        .uri("/deployment/count")
        .accept(MediaType.APPLICATION_JSON)
        .retrieve()
        .body(Count.class));
    return count == null ? 0 : count.count();
  }

  /**
   * Creates a deployment with Camunda's changed-only filtering: the engine compares each resource with
   * the latest one of the same name in the latest deployments named {@code name} from {@code source},
   * and deploys only what differs. When nothing differs, Camunda 7.24 creates nothing and answers with
   * the newest existing deployment named {@code name}, whatever its source.
   */
  public EngineDeployment createDeployment(String name, String source, List<DeploymentResource> resources) {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("a deployment needs at least one resource");
    }
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("deployment-name", name);
    body.add("deployment-source", source);
    body.add("deploy-changed-only", "true");
    body.add("enable-duplicate-filtering", "true");
    if (target.hasTenant()) {
      body.add("tenant-id", target.tenant());
    }
    for (DeploymentResource resource : resources) {
      // The engine names each resource by the part's file name.
      HttpHeaders part = new HttpHeaders();
      part.setContentType(MediaType.APPLICATION_OCTET_STREAM);
      part.setContentDisposition(ContentDisposition.formData().name(resource.name()).filename(resource.name()).build());
      body.add(resource.name(), new HttpEntity<>(resource.content(), part));
    }
    try {
      return call("POST /deployment/create", () -> rest.post()
          .uri("/deployment/create")
          .contentType(MediaType.MULTIPART_FORM_DATA)
          .accept(MediaType.APPLICATION_JSON)
          .body(body)
          .retrieve()
          .body(EngineDeployment.class));
    } catch (TargetException e) {
      throw asModelFailure(e, resources);
    }
  }

  /**
   * Camunda 7.24 answers a DMN it cannot transform ({@code ENGINE-22004}) or a form it cannot parse
   * ({@code ENGINE-09033}) with HTTP 500 and a plain {@code ProcessEngineException} naming the resource,
   * not with a {@code ParseException}. Retrying cannot fix a model, so such an answer is not retryable.
   */
  private TargetException asModelFailure(TargetException e, List<DeploymentResource> resources) {
    String engineMessage = e.engineMessage().orElse("");
    if (!e.isRetryable() || e.status().orElse(0) < 500 || engineMessage.isEmpty()) {
      return e;
    }
    List<EngineProblem> problems = resources.stream()
        .map(DeploymentResource::name)
        .filter(engineMessage::contains)
        .map(name -> new EngineProblem(name, EngineProblem.Severity.ERROR, engineMessage, 0, 0, "", List.of()))
        .toList();
    if (problems.isEmpty()) {
      return e;
    }
    int status = e.status().getAsInt();
    String type = e.engineType().orElse("");
    return new TargetException(modelsRejected(status, type, engineMessage, "POST /deployment/create", problems),
        e, status, type, engineMessage, problems, false);
  }

  /** Deployments with this name and source, newest first. */
  public List<EngineDeployment> deployments(String name, String source) {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    return list("GET /deployment", EngineDeployment[].class, "/deployment",
        ofTenant(Map.of("name", name, "source", source, "sortBy", "deploymentTime", "sortOrder", "desc")));
  }

  /** The deployment with this id; empty when the target has none (any more). */
  public Optional<EngineDeployment> deployment(String id) {
    requireNonNull(id, "id");
    return page("GET /deployment", EngineDeployment[].class, "/deployment", Map.of("id", id)).stream().findFirst();
  }

  /** The newest deployment with this name, whatever its source. */
  public Optional<EngineDeployment> latestDeployment(String name) {
    requireNonNull(name, "name");
    return latest(Map.of("name", name));
  }

  /** The newest deployment with this name and source. */
  public Optional<EngineDeployment> latestDeployment(String name, String source) {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    return latest(Map.of("name", name, "source", source));
  }

  private Optional<EngineDeployment> latest(Map<String, String> filter) {
    Map<String, String> query = ofTenant(filter);
    query.putAll(Map.of("sortBy", "deploymentTime", "sortOrder", "desc", "maxResults", "1"));
    return page("GET /deployment", EngineDeployment[].class, "/deployment", query).stream().findFirst();
  }

  /** The resources a deployment holds. */
  public List<EngineResource> resources(String deploymentId) {
    requireNonNull(deploymentId, "deploymentId");
    return call("GET /deployment/" + deploymentId + "/resources", () -> asList(rest.get()
        .uri("/deployment/{id}/resources", deploymentId)
        .accept(MediaType.APPLICATION_JSON)
        .retrieve()
        .body(EngineResource[].class)));
  }

  /** The stored bytes of one resource, exactly as the engine keeps them. */
  public byte[] resourceData(String deploymentId, String resourceId) {
    requireNonNull(deploymentId, "deploymentId");
    requireNonNull(resourceId, "resourceId");
    byte[] data = call("GET /deployment/" + deploymentId + "/resources/" + resourceId + "/data", () -> rest.get()
        .uri("/deployment/{id}/resources/{resourceId}/data", deploymentId, resourceId)
        .accept(MediaType.ALL)
        .retrieve()
        .body(byte[].class));
    return data == null ? new byte[0] : data;
  }

  /** Process definitions the engine made from {@code resourceName} in that deployment. */
  public List<EngineDefinition> processDefinitions(String deploymentId, String resourceName) {
    return definitions("/process-definition", deploymentId, resourceName);
  }

  /** Decision definitions the engine made from {@code resourceName} in that deployment. */
  public List<EngineDefinition> decisionDefinitions(String deploymentId, String resourceName) {
    return definitions("/decision-definition", deploymentId, resourceName);
  }

  /** Every process definition the engine made from that deployment's resources: one query for all of them. */
  public List<EngineDefinition> processDefinitions(String deploymentId) {
    return definitions("/process-definition", deploymentId);
  }

  /** Every decision definition the engine made from that deployment's resources: one query for all of them. */
  public List<EngineDefinition> decisionDefinitions(String deploymentId) {
    return definitions("/decision-definition", deploymentId);
  }

  /** How many versions of the process with this key (process id) the target holds; 0 when none. */
  public long processDefinitionCount(String key) {
    return definitionCount("/process-definition/count", key);
  }

  /** How many versions of the decision with this key (decision id) the target holds; 0 when none. */
  public long decisionDefinitionCount(String key) {
    return definitionCount("/decision-definition/count", key);
  }

  private long definitionCount(String path, String key) {
    requireNonNull(key, "key");
    Count count = call("GET " + path, () -> rest.get()
        .uri(uri -> uri.path(path).queryParam("key", "{key}").build(key))
        .accept(MediaType.APPLICATION_JSON)
        .retrieve()
        .body(Count.class));
    return count == null ? 0 : count.count();
  }

  /** Every deployment the user can see, oldest first. */
  public List<EngineDeployment> allDeployments() {
    return list("GET /deployment", EngineDeployment[].class, "/deployment",
        Map.of("sortBy", "deploymentTime", "sortOrder", "asc"));
  }

  /** The form a user task shows, under either engine's name for a Camunda Form reference ({@link TaskForm}). */
  public TaskForm taskForm(String taskId) {
    return get("/task/{id}/form", Map.of("id", requireNonNull(taskId, "taskId")), TaskForm.class);
  }

  /**
   * {@code GET path?query} read as {@code type}: the building block for the calls other capabilities
   * make (smoke runs, incident watch, rollback), with this client's authentication and error mapping.
   * {@code path} is relative to the REST root and may hold {@code {name}} templates filled from
   * {@code query}'s values of the same name; the other entries become query parameters.
   */
  public <T> T get(String path, Map<String, ?> query, Class<T> type) {
    requireNonNull(path, "path");
    return call("GET " + path, () -> rest.get()
        .uri(uri -> withQuery(uri, path, query))
        .accept(MediaType.APPLICATION_JSON)
        .retrieve()
        .body(type));
  }

  /** Every item of a list query, read in pages (see {@link #get}). */
  public <T> List<T> getAll(String path, Map<String, String> query, Class<T[]> type) {
    return list("GET " + path, type, path, query);
  }

  /** {@code POST path} with a JSON body; the answer read as {@code type}, or discarded when it is Void. */
  public <T> T post(String path, Map<String, ?> pathVariables, Object body, Class<T> type) {
    requireNonNull(path, "path");
    return call("POST " + path, () -> rest.post()
        .uri(uri -> withQuery(uri, path, pathVariables))
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .body(body == null ? Map.of() : body)
        .retrieve()
        .body(type));
  }

  /** {@code PUT path} with a JSON body, answer discarded (suspension, variables). */
  public void put(String path, Map<String, ?> pathVariables, Object body) {
    requireNonNull(path, "path");
    call("PUT " + path, () -> rest.put()
        .uri(uri -> withQuery(uri, path, pathVariables))
        .contentType(MediaType.APPLICATION_JSON)
        .body(body == null ? Map.of() : body)
        .retrieve()
        .toBodilessEntity());
  }

  /** {@code DELETE path?query}, answer discarded. */
  public void delete(String path, Map<String, ?> query) {
    requireNonNull(path, "path");
    call("DELETE " + path, () -> rest.delete()
        .uri(uri -> withQuery(uri, path, query))
        .retrieve()
        .toBodilessEntity());
  }

  /** {@code path}'s templates filled from {@code values}; values no template names become query parameters. */
  private static URI withQuery(UriBuilder uri, String path, Map<String, ?> values) {
    Map<String, Object> all = new HashMap<>(values == null ? Map.of() : values);
    all.keySet().stream().filter(key -> !path.contains("{" + key + "}"))
        .forEach(key -> uri.queryParam(key, "{" + key + "}"));
    return uri.path(path).build(all);
  }

  private List<EngineDefinition> definitions(String path, String deploymentId) {
    requireNonNull(deploymentId, "deploymentId");
    return list("GET " + path, EngineDefinition[].class, path,
        Map.of("deploymentId", deploymentId, "sortBy", "version", "sortOrder", "asc"));
  }

  private List<EngineDefinition> definitions(String path, String deploymentId, String resourceName) {
    requireNonNull(deploymentId, "deploymentId");
    requireNonNull(resourceName, "resourceName");
    return list("GET " + path, EngineDefinition[].class, path,
        Map.of("deploymentId", deploymentId, "resourceName", resourceName, "sortBy", "version", "sortOrder",
            "asc"));
  }

  /** {@code query} limited to the target's tenant, when it has one: other tenants' deployments are not ours. */
  public Map<String, String> ofTenant(Map<String, String> query) {
    Map<String, String> scoped = new HashMap<>(query);
    if (target.hasTenant()) {
      scoped.put("tenantIdIn", target.tenant());
    }
    return scoped;
  }

  /**
   * Every item of a query, read in pages: an engine with {@code queryMaxResultsLimit} set refuses queries
   * that ask for an unbounded number of results.
   */
  private <T> List<T> list(String operation, Class<T[]> type, String path, Map<String, String> query) {
    List<T> all = new ArrayList<>();
    List<T> page;
    do {
      Map<String, String> pageQuery = new HashMap<>(query);
      pageQuery.put("firstResult", Integer.toString(all.size()));
      pageQuery.put("maxResults", Integer.toString(pageSize));
      page = page(operation, type, path, pageQuery);
      all.addAll(page);
    } while (page.size() == pageSize);
    return List.copyOf(all);
  }

  private <T> List<T> page(String operation, Class<T[]> type, String path, Map<String, String> query) {
    return call(operation, () -> asList(rest.get()
        .uri(uri -> withQuery(uri, path, query))
        .accept(MediaType.APPLICATION_JSON)
        .retrieve()
        .body(type)));
  }

  private static <T> List<T> asList(T[] items) {
    return items == null ? List.of() : List.copyOf(Arrays.asList(items));
  }

  private <T> T call(String operation, Supplier<T> request) {
    try {
      return request.get();
    } catch (ResourceAccessException e) {
      throw unanswered(operation, e);
    } catch (RestClientException e) {
      throw new TargetException("Camunda target " + target.restUrl() + " answered " + operation
          + " with something that is not the engine's REST API (" + e.getMessage()
          + "); check that pipeline.target.url points at the REST root, like http://camunda:8080/engine-rest",
          e, 0, "", "", List.of(), false);
    }
  }

  private TargetException unanswered(String operation, ResourceAccessException e) {
    if (hasCause(e, HttpTimeoutException.class)) {
      return TargetException.unanswered("Camunda target " + target.restUrl() + " did not answer " + operation
          + " within " + target.timeout() + "; check that the engine is up and not overloaded, or raise "
          + "pipeline.target.timeout", e);
    }
    // The first cause is the JDK's own (ConnectException, UnknownHostException…); deeper ones are less telling.
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return TargetException.unanswered("Camunda target " + target.restUrl() + " could not be reached for "
        + operation + " (" + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
        + "); check pipeline.target.url and that the engine is running", e);
  }

  private TargetException refusal(HttpRequest request, ClientHttpResponse response) throws IOException {
    int status = response.getStatusCode().value();
    String operation = request.getMethod() + " " + relativePath(request.getURI());
    byte[] body = response.getBody().readAllBytes();
    EngineError error = engineError(body);
    List<EngineProblem> problems = error.problems();
    String where = "Camunda target " + target.restUrl();
    String engineSays = error.message().isEmpty() ? "" : ": " + error.message();

    if (status == 401) {
      return new TargetException(where + " refused user '" + target.username() + "' (HTTP 401 on " + operation
          + "): wrong username or password, or the user is locked for a while after failed logins; set "
          + "pipeline.target.username/password to a user of the target engine",
          null, status, error.type(), error.message(), problems, false);
    }
    if (status == 403) {
      return new TargetException(where + " refused user '" + target.username() + "' (HTTP 403 on " + operation
          + ")" + engineSays + "; grant that user the authorizations the pipeline needs (create and read "
          + "deployments, read process and decision definitions), or set pipeline.target.username/password to "
          + "a user that has them", null, status, error.type(), error.message(), problems, false);
    }
    if (error.isParseFailure()) {
      return new TargetException(modelsRejected(status, error.type(), error.message(), operation, problems), null,
          status, error.type(), error.message(), problems, false);
    }
    String type = error.type().isEmpty() ? "" : " " + error.type();
    String said = error.message().isEmpty() ? bodySnippet(body) : engineSays;
    if (status >= 500) {
      return new TargetException(where + " failed on " + operation + " (HTTP " + status + type + ")" + said
          + "; retrying later may help", null, status, error.type(), error.message(), problems, true);
    }
    String hint = status == 404 && error.type().isEmpty()
        ? "; check that pipeline.target.url points at the REST root, like http://camunda:8080/engine-rest"
        : "";
    return new TargetException(where + " refused " + operation + " (HTTP " + status + type + ")" + said + hint,
        null, status, error.type(), error.message(), problems, false);
  }

  private String modelsRejected(int status, String type, String engineMessage, String operation,
                                List<EngineProblem> problems) {
    StringBuilder message = new StringBuilder("Camunda target ").append(target.restUrl())
        .append(" rejected the models (HTTP ").append(status).append(type.isEmpty() ? "" : " " + type)
        .append(" on ").append(operation).append(')');
    if (problems.isEmpty()) {
      message.append(": ").append(engineMessage);
    }
    problems.forEach(problem -> message.append(System.lineSeparator()).append("  ").append(problem.describe()));
    return message.append(System.lineSeparator()).append("Fix the resources named above and release again.")
        .toString();
  }

  private String relativePath(URI uri) {
    String path = Objects.requireNonNullElse(uri.getRawPath(), "");
    String root = Objects.requireNonNullElse(URI.create(withoutTrailingSlash(target.restUrl())).getRawPath(), "");
    return path.startsWith(root) ? path.substring(root.length()) : path;
  }

  private static EngineError engineError(byte[] body) {
    if (body.length == 0) {
      return EngineError.NONE;
    }
    try {
      EngineError error = ERROR_READER.readValue(body, EngineError.class);
      return error == null ? EngineError.NONE : error;
    } catch (IOException notJson) {
      // A proxy's or servlet container's error page: no engine type to report, the snippet says enough.
      return EngineError.NONE;
    }
  }

  private static String bodySnippet(byte[] body) {
    if (body.length == 0) {
      return "";
    }
    String text = new String(body, UTF_8).strip().replaceAll("\\s+", " ");
    return ": " + (text.length() > MAX_BODY_IN_MESSAGE ? text.substring(0, MAX_BODY_IN_MESSAGE) + "…" : text);
  }

  private static String withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Count(long count) {}

  /** The engine's error body: {@code type}, {@code message}, and for parse failures per-resource reports. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record EngineError(String type, String message, Map<String, ResourceReport> details) {
    static final EngineError NONE = new EngineError("", "", Map.of());

    EngineError {
      type = type == null ? "" : type;
      message = message == null ? "" : message;
      details = details == null ? Map.of() : Map.copyOf(details);
    }

    boolean isParseFailure() {
      return !details.isEmpty() || type.endsWith("ParseException") || type.endsWith("TransformException");
    }

    List<EngineProblem> problems() {
      List<EngineProblem> problems = new ArrayList<>();
      details.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
        String resource = entry.getKey();
        entry.getValue().errors().forEach(p -> problems.add(p.toProblem(resource, EngineProblem.Severity.ERROR)));
        entry.getValue().warnings().forEach(p -> problems.add(p.toProblem(resource, EngineProblem.Severity.WARNING)));
      });
      return problems;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResourceReport(List<Problem> errors, List<Problem> warnings) {
    ResourceReport {
      errors = errors == null ? List.of() : List.copyOf(errors);
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
  }

  /**
   * One problem of a resource report. Camunda 7's DTO spells the element ids' key with a Cyrillic
   * "е" ({@code \u0435lementIds}); both spellings are read.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Problem(String message, int line, int column, String mainElementId,
                 @JsonAlias("\u0435lementIds") List<String> elementIds) {
    EngineProblem toProblem(String resource, EngineProblem.Severity severity) {
      return new EngineProblem(resource, severity, message, line, column, mainElementId, elementIds);
    }
  }
}
