package dev.prometheuspipeline.system;

import dev.prometheuspipeline.trigger.DatabaseUnavailable;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;

/**
 * The engine wraps whatever a task listener throws, so a refusal raised there (the four-eyes rule on
 * claiming an approval) would reach REST clients as a 500. This finds the refusal inside and answers
 * as the engine would have for it unwrapped (403, same JSON). A database that cannot be reached is a 503 with
 * the reason in the engine's JSON shape, so external-task clients and Tasklist see an outage, not a 500 naming
 * the SQL that failed. Everything else is answered exactly as Camunda's own handler answers it.
 */
@Priority(Priorities.USER - 100)
public class WrappedRefusalMapper implements ExceptionMapper<ProcessEngineException> {

  @Override
  public Response toResponse(ProcessEngineException exception) {
    Optional<DatabaseUnavailable> unavailable = DatabaseUnavailable.causeOf(exception);
    if (unavailable.isPresent()) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
          .header("Retry-After", unavailable.get().retryAfter().toSeconds())
          .entity(unavailable.get().engineRestError()).build();
    }
    Throwable answered = exception;
    for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException) {
        answered = cause;
        break;
      }
    }
    return ExceptionHandlerHelper.getInstance().getResponse(answered);
  }
}
