package dev.prometheuspipeline.trigger;

import dev.prometheuspipeline.release.ApprovalRefusedException;
import dev.prometheuspipeline.release.InvalidContextoException;
import dev.prometheuspipeline.release.InvalidDecisionException;
import dev.prometheuspipeline.release.ReleaseConflictException;
import dev.prometheuspipeline.release.UnprocessableReleaseException;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals as RFC 9457 problem details: what is wrong, which field, how to fix it. */
@Profile("!worker")
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

  @ExceptionHandler(InvalidContextoException.class)
  ProblemDetail invalid(InvalidContextoException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid contexto");
    problem.setProperty("field", e.field());
    return problem;
  }

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalidRequest(InvalidRequestException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid request");
    problem.setProperty("field", e.field());
    return problem;
  }

  @ExceptionHandler(InvalidDecisionException.class)
  ProblemDetail invalidDecision(InvalidDecisionException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid decision");
    problem.setProperty("field", e.field());
    return problem;
  }

  @ExceptionHandler(ApprovalRefusedException.class)
  ProblemDetail approvalRefused(ApprovalRefusedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Not yours to decide");
    return problem;
  }

  @ExceptionHandler(ReleaseConflictException.class)
  ProblemDetail conflict(ReleaseConflictException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Release not in a state for this");
    return problem;
  }

  @ExceptionHandler(UnprocessableReleaseException.class)
  ProblemDetail unprocessable(UnprocessableReleaseException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    problem.setTitle("Release cannot be processed");
    return problem;
  }

  /**
   * The database is down or restarting, or every pooled connection stayed busy: 503 with which of the two, whichever
   * layer noticed (Spring's JDBC, the transaction manager, the engine). Anything else of these types is not ours to
   * answer and goes on as before.
   */
  @ExceptionHandler({DataAccessException.class, TransactionException.class, ProcessEngineException.class})
  ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e, HttpServletRequest request) {
    DatabaseUnavailable unavailable = DatabaseUnavailable.causeOf(e).orElseThrow(() -> e);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(unavailable.retryAfter().toSeconds()))
        .body(unavailable.problem(request.getRequestURI()));
  }
}
