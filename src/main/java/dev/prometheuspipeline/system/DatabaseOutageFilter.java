package dev.prometheuspipeline.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.trigger.DatabaseUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database outage answer for what fails before any controller runs: the authentication filters check the
 * password against the engine's users, in the database, so while it is down they throw, and the servlet
 * container would answer 500. Outermost, so it sees what every later filter and servlet lets escape; failures
 * of any other kind pass through untouched.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

  /** Camunda's own API, whose clients read its error shape rather than RFC 9457. */
  private static final String ENGINE_REST = "/engine-rest/";

  private final ObjectMapper json;

  DatabaseOutageFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      Optional<DatabaseUnavailable> why = DatabaseUnavailable.causeOf(e);
      if (why.isEmpty() || response.isCommitted()) {
        throw e;
      }
      DatabaseUnavailable unavailable = why.get();
      // The type only: the driver's message names the database host and port.
      log.warn("request method={} path={} outcome=database-{} error={}", request.getMethod(),
          request.getRequestURI(), unavailable == DatabaseUnavailable.DOWN ? "unavailable" : "busy",
          e.getClass().getSimpleName());
      // The body only: the headers every answer carries (SecurityHeaders, outside this filter) stay.
      response.resetBuffer();
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(unavailable.retryAfter().toSeconds()));
      if (request.getRequestURI().startsWith(request.getContextPath() + ENGINE_REST)) {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), unavailable.engineRestError());
      } else {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), unavailable.problem(request.getRequestURI()));
      }
    }
  }
}
