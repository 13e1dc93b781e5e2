package dev.prometheuspipeline.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;

/**
 * What happened when resources were deployed to a {@link SandboxEngine}.
 *
 * @param deploymentId the deployment's id; empty when the engine refused it
 * @param warnings BPMN parse warnings, per resource, of the resources the engine parsed
 * @param failure why the engine refused the deployment; empty when it deployed
 */
public record DeployAttempt(String deploymentId, List<ParseWarnings> warnings, Optional<RuntimeException> failure) {
  private static final int MAX_PROBLEMS_IN_REASON = 5;

  public DeployAttempt {
    requireNonNull(deploymentId, "deploymentId");
    warnings = List.copyOf(warnings);
    requireNonNull(failure, "failure");
    if (failure.isPresent() == !deploymentId.isEmpty()) {
      throw new IllegalArgumentException("a deployment either has an id or a failure, not both or neither");
    }
  }

  static DeployAttempt deployed(String deploymentId, List<ParseWarnings> warnings) {
    return new DeployAttempt(deploymentId, warnings, Optional.empty());
  }

  static DeployAttempt refused(RuntimeException failure, List<ParseWarnings> warnings) {
    return new DeployAttempt("", warnings, Optional.of(failure));
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }

  /**
   * Why the engine refused, on one line, in its own words: for a parse error each problem with its
   * resource, line, column and element ({@code x.bpmn line 8, column 65 (Task_A): …}); empty when deployed.
   */
  public String reason() {
    if (failure.isEmpty()) {
      return "";
    }
    if (failure.get() instanceof ParseException parse) {
      List<String> problems = new ArrayList<>();
      for (ResourceReport report : parse.getResorceReports()) {
        for (Problem problem : report.getErrors()) {
          problems.add(describe(report.getResourceName(), problem));
        }
      }
      if (!problems.isEmpty()) {
        String shown = String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_IN_REASON)));
        int more = problems.size() - MAX_PROBLEMS_IN_REASON;
        return more > 0 ? shown + "; and " + more + " more" : shown;
      }
    }
    return EngineMessage.of(failure.get());
  }

  private static String describe(String resource, Problem problem) {
    StringBuilder text = new StringBuilder(resource == null ? "" : resource);
    if (problem.getLine() > 0) {
      text.append(" line ").append(problem.getLine()).append(", column ").append(problem.getColumn());
    }
    if (problem.getMainElementId() != null) {
      text.append(" (").append(problem.getMainElementId()).append(')');
    }
    String message = EngineMessage.clean(problem.getMessage());
    // Problems are joined with "; ", so a closing period would only double the punctuation.
    message = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    return text.append(": ").append(message).toString().strip();
  }
}
