package dev.prometheuspipeline.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.trigger.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The 503 written by a filter, in the shape the caller reads: the engine's errors on its REST API, RFC 9457 elsewhere. */
final class UnavailableAnswer {
  /** Camunda's own API, whose clients (the external-task client, Tasklist) read its error shape. */
  private static final String ENGINE_REST = "/engine-rest/";

  private UnavailableAnswer() {}

  static void write(HttpServletRequest request, HttpServletResponse response, DatabaseUnavailable why,
      ObjectMapper json) throws IOException {
    // The body only: the headers every answer carries (SecurityHeaders, outside these filters) stay.
    response.resetBuffer();
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(why.retryAfter().toSeconds()));
    if (request.getRequestURI().startsWith(request.getContextPath() + ENGINE_REST)) {
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      json.writeValue(response.getOutputStream(), why.engineRestError());
    } else {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), why.problem(request.getRequestURI()));
    }
  }
}
