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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database outage answer for what fails before any controller runs: the authentication filters check the
 * password against the engine's users, in the database, so while it is down they throw, and the servlet
 * container would answer 500. Outermost, so it sees what every later filter and servlet lets escape; failures
 * of any other kind pass through untouched.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

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
      // The type only: the driver's message names the database host and port.
      log.warn("request method={} path={} outcome=database-{} error={}", request.getMethod(),
          request.getRequestURI(), why.get() == DatabaseUnavailable.DOWN ? "unavailable" : "busy",
          e.getClass().getSimpleName());
      UnavailableAnswer.write(request, response, why.get(), json);
    }
  }
}
