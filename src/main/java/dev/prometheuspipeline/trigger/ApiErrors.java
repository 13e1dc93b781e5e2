package dev.prometheuspipeline.trigger;

import dev.prometheuspipeline.release.ApprovalRefusedException;
import dev.prometheuspipeline.release.InvalidContextoException;
import dev.prometheuspipeline.release.InvalidDecisionException;
import dev.prometheuspipeline.release.ReleaseConflictException;
import dev.prometheuspipeline.release.UnprocessableReleaseException;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
}
