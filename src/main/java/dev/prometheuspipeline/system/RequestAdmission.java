package dev.prometheuspipeline.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.trigger.DatabaseUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most as many requests that reach the database at once as the pool has connections; the others wait their
 * turn in arrival order, and one that waits longer than the limit is answered 503 "Server busy". Without it,
 * every one of Tomcat's threads takes a request and all of them contend for the pool, where a newcomer can take
 * a freed connection ahead of those already waiting: under 100 clients the slowest twentieth of answers took
 * nearly three times the median (PROOF.md, Load), and in a burst a request could wait out the pool's timeout
 * and be told the database was down. Queued in order, every request waits about as long as the others.
 *
 * <p>Health, the metrics scrape and the webapps' static files do not queue: they must answer under any load.
 * An asynchronous request (a long poll, a stream) gives its place back when its thread is released.
 */
final class RequestAdmission extends OncePerRequestFilter {
  /** The gauge of {@link #waiting()}: a queue that does not drain says the pool or the database is too small. */
  static final String WAITING = "prometheus.pipeline.http.requests.waiting";
  private static final Logger log = LoggerFactory.getLogger(RequestAdmission.class);
  /** Where the database is read or written on the request's thread. */
  private static final List<String> DATABASE_PATHS =
      List.of("/api/", "/engine-rest/", "/camunda/api/", "/releases", "/webhooks/", "/deploy-camunda");

  private final Semaphore places;
  private final Duration patience;
  private final ObjectMapper json;

  RequestAdmission(int concurrentRequests, Duration patience, ObjectMapper json) {
    // Fair: the longest waiting is admitted first.
    this.places = new Semaphore(concurrentRequests, true);
    this.patience = patience;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return DATABASE_PATHS.stream().noneMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean admitted;
    try {
      admitted = places.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admitted = false;
    }
    if (!admitted) {
      log.warn("request method={} path={} outcome=busy waitedMs={}", request.getMethod(), request.getRequestURI(),
          patience.toMillis());
      UnavailableAnswer.write(request, response, DatabaseUnavailable.BUSY, json);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      places.release();
    }
  }

  /** Requests waiting for their turn now. */
  int waiting() {
    return places.getQueueLength();
  }
}
