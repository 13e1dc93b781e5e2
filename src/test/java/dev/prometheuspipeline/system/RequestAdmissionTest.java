package dev.prometheuspipeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The admission of requests that reach the database, with real threads: a place is held by a request whose
 * chain waits on a latch, as a slow request holds it.
 */
class RequestAdmissionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch finish = new CountDownLatch(1);

  @AfterEach
  void releaseEveryHeldRequest() {
    finish.countDown();
    threads.shutdownNow();
  }

  @Test
  void requestsBeyondTheLimitWaitAndAreAdmittedInArrivalOrder() throws Exception {
    RequestAdmission admission = new RequestAdmission(1, Duration.ofSeconds(30), JSON);
    List<String> admitted = new CopyOnWriteArrayList<>();
    Future<?> first = threads.submit(() -> pass(admission, "/api/releases/first", admitted, finish));
    await().until(() -> admitted.contains("/api/releases/first"));

    Future<?> second = threads.submit(() -> pass(admission, "/api/releases/second", admitted, null));
    await().until(() -> admission.waiting() == 1);
    Future<?> third = threads.submit(() -> pass(admission, "/engine-rest/task", admitted, null));
    await().until(() -> admission.waiting() == 2);
    assertThat(admitted).containsExactly("/api/releases/first");

    finish.countDown();
    for (Future<?> request : List.of(first, second, third)) {
      request.get(10, TimeUnit.SECONDS);
    }
    assertThat(admitted).containsExactly("/api/releases/first", "/api/releases/second", "/engine-rest/task");
  }

  @Test
  void aRequestThatWaitsPastTheLimitIsAnsweredServerBusy() throws Exception {
    RequestAdmission admission = new RequestAdmission(1, Duration.ofMillis(100), JSON);
    holdTheOnlyPlace(admission);

    MockHttpServletResponse busy = request(admission, "/api/releases/x", (req, res) -> {
      throw new AssertionError("admitted past the limit");
    });

    assertThat(busy.getStatus()).isEqualTo(503);
    assertThat(busy.getContentType()).isEqualTo("application/problem+json");
    assertThat(busy.getHeader("Retry-After")).isEqualTo("1");
    JsonNode problem = JSON.readTree(busy.getContentAsString());
    assertThat(problem.path("title").asText()).isEqualTo("Server busy");
    assertThat(problem.path("detail").asText()).isEqualTo("every database connection is in use; retry shortly");
    assertThat(problem.path("instance").asText()).isEqualTo("/api/releases/x");
  }

  @Test
  void onTheEnginesRestApiTheBusyAnswerHasTheEnginesShape() throws Exception {
    RequestAdmission admission = new RequestAdmission(1, Duration.ZERO, JSON);
    holdTheOnlyPlace(admission);

    MockHttpServletResponse busy = request(admission, "/engine-rest/external-task/fetchAndLock", (req, res) -> {
      throw new AssertionError("admitted past the limit");
    });

    assertThat(busy.getStatus()).isEqualTo(503);
    assertThat(busy.getContentType()).isEqualTo("application/json");
    JsonNode error = JSON.readTree(busy.getContentAsString());
    assertThat(error.path("type").asText()).isEqualTo("ServerBusy");
    assertThat(error.path("message").asText()).isEqualTo("every database connection is in use; retry shortly");
  }

  @Test
  void healthTheScrapeAndTheWebappsFilesNeverQueue() throws Exception {
    RequestAdmission admission = new RequestAdmission(1, Duration.ofSeconds(30), JSON);
    holdTheOnlyPlace(admission);

    for (String path : List.of("/actuator/health", "/actuator/prometheus", "/camunda/app/tasklist/index.html")) {
      List<String> admitted = new CopyOnWriteArrayList<>();
      MockHttpServletResponse answer = request(admission, path, (req, res) -> admitted.add(path));
      assertThat(admitted).as(path).containsExactly(path);
      assertThat(answer.getStatus()).as(path).isEqualTo(200);
    }
    assertThat(admission.waiting()).isZero();
  }

  @Test
  void aRequestThatFailsGivesItsPlaceBack() throws Exception {
    RequestAdmission admission = new RequestAdmission(1, Duration.ZERO, JSON);

    assertThatThrownBy(() -> request(admission, "/api/releases", (req, res) -> {
      throw new IllegalStateException("the view failed");
    })).hasMessage("the view failed");

    List<String> admitted = new CopyOnWriteArrayList<>();
    request(admission, "/api/releases", (req, res) -> admitted.add("next"));
    assertThat(admitted).containsExactly("next");
  }

  @Test
  void thePoolsSizeIsTheLimitUnlessOneIsSet() {
    assertThat(new RequestAdmissionProperties(null, null).concurrentRequests(24)).isEqualTo(24);
    assertThat(new RequestAdmissionProperties(0, null).concurrentRequests(24)).isEqualTo(24);
    assertThat(new RequestAdmissionProperties(null, null).concurrentRequests(0))
        .isEqualTo(RequestAdmissionProperties.POOL_SIZE_UNKNOWN);
    assertThat(new RequestAdmissionProperties(4, null).concurrentRequests(24)).isEqualTo(4);
    assertThat(new RequestAdmissionProperties(null, null).queueTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> new RequestAdmissionProperties(-1, null))
        .hasMessageContaining("pipeline.http.concurrent-requests");
  }

  private void holdTheOnlyPlace(RequestAdmission admission) {
    List<String> admitted = new CopyOnWriteArrayList<>();
    threads.submit(() -> pass(admission, "/api/releases/held", admitted, finish));
    await().until(() -> admitted.contains("/api/releases/held"));
  }

  /** One request through the filter; its chain notes the path and then waits for {@code until}, if given. */
  private static Void pass(RequestAdmission admission, String path, List<String> admitted, CountDownLatch until)
      throws Exception {
    request(admission, path, (req, res) -> {
      admitted.add(path);
      if (until != null) {
        try {
          until.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    return null;
  }

  private static MockHttpServletResponse request(RequestAdmission admission, String path, FilterChain chain)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    admission.doFilter(request, response, chain);
    return response;
  }
}
