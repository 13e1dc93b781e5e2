package dev.prometheuspipeline.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What Tomcat answers for a request that never reaches the application (an undecodable URL, an encoded slash, a
 * malformed header): an RFC 9457 problem like every other refusal, instead of Tomcat's HTML page, which names the
 * server. Public with a no-argument constructor because Tomcat's host creates it from its class name.
 */
public class ProblemErrorReports extends ErrorReportValve {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
    problem.setDetail(status == 400
        ? "the request could not be read: check that its URL is percent-encoded (no encoded '/' or '\\\\', "
            + "'%' always followed by two hex digits) and that its headers are well formed"
        : "the request could not be served (HTTP " + status + ")");
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      response.setHeader("X-Content-Type-Options", "nosniff");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the answer is already on its way: there is no one left to tell.
    }
  }
}
