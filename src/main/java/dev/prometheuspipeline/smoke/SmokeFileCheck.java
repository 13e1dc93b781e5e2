package dev.prometheuspipeline.smoke;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.CptInstruction;
import dev.prometheuspipeline.testing.CptInstruction.AssertElementInstance;
import dev.prometheuspipeline.testing.CptInstruction.AssertElementInstances;
import dev.prometheuspipeline.testing.CptInstruction.AssertProcessInstance;
import dev.prometheuspipeline.testing.CptInstruction.AssertProcessInstanceMessageSubscription;
import dev.prometheuspipeline.testing.CptInstruction.AssertUserTask;
import dev.prometheuspipeline.testing.CptInstruction.AssertVariables;
import dev.prometheuspipeline.testing.CptInstruction.C7AssertIncident;
import dev.prometheuspipeline.testing.CptInstruction.C7CompleteExternalTask;
import dev.prometheuspipeline.testing.CptInstruction.C7FailExternalTask;
import dev.prometheuspipeline.testing.CptInstruction.C7ThrowBpmnErrorFromExternalTask;
import dev.prometheuspipeline.testing.CptInstruction.CompleteJob;
import dev.prometheuspipeline.testing.CptInstruction.CompleteUserTask;
import dev.prometheuspipeline.testing.CptInstruction.CorrelateMessage;
import dev.prometheuspipeline.testing.CptInstruction.CreateProcessInstance;
import dev.prometheuspipeline.testing.CptInstruction.PublishMessage;
import dev.prometheuspipeline.testing.CptInstruction.ThrowBpmnErrorFromJob;
import dev.prometheuspipeline.testing.CptInstruction.UpdateVariables;
import dev.prometheuspipeline.testing.Scenario;
import dev.prometheuspipeline.testing.ScenarioFile;
import dev.prometheuspipeline.testing.Selectors.ElementSelector;
import dev.prometheuspipeline.testing.Selectors.ExternalTaskSelector;
import dev.prometheuspipeline.testing.Selectors.UserTaskSelector;
import dev.prometheuspipeline.testing.TestFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks smoke files before anything is deployed: each reads as a Camunda Process Test file (the sandbox
 * runner's schema and records), uses only instructions a live target can carry out ({@link LiveInstructions}),
 * and names processes, elements, topics and messages that the release's BPMN defines. It runs nothing.
 */
public final class SmokeFileCheck {
  private SmokeFileCheck() {}

  /**
   * @param smokeFiles the release's smoke files ({@link SmokeFiles#of})
   * @param artifacts the release as fetched; its BPMN files are what the smoke files may name
   * @return every problem, in file order; empty when each file can run on a target
   */
  public static List<SmokeProblem> check(List<TestFile> smokeFiles, List<FetchedArtifact> artifacts) {
    requireNonNull(smokeFiles, "smokeFiles");
    requireNonNull(artifacts, "artifacts");
    if (smokeFiles.isEmpty()) {
      // Reading the release's BPMN again is a model API parse per file; with no smoke file nothing asks for it.
      return List.of();
    }
    ReleaseProcesses release = ReleaseProcesses.of(artifacts);
    List<SmokeProblem> problems = new ArrayList<>();
    for (TestFile file : smokeFiles) {
      ScenarioFile read = ScenarioFile.read(file);
      read.problems().forEach(p -> problems.add(new SmokeProblem(file.path(), p.line(), p.message())));
      for (ScenarioFile.Case testCase : read.cases()) {
        for (Scenario.Instruction instruction : testCase.instructions()) {
          String at = at(file.path(), testCase, instruction);
          Optional<String> refused = LiveInstructions.refusal(instruction);
          if (refused.isPresent()) {
            problems.add(new SmokeProblem(file.path(), instruction.line(), at + refused.get()
                + "; move it to a test outside smoke/"));
            continue;
          }
          new References(release).of(instruction.instruction())
              .forEach(why -> problems.add(new SmokeProblem(file.path(), instruction.line(), at + why)));
        }
      }
    }
    return List.copyOf(problems);
  }

  /** {@code tests/Genesis/smoke/pedido.json line 7, step 2 (COMPLETE_USER_TASK) of "Order is served": }. */
  static String at(String path, ScenarioFile.Case testCase, Scenario.Instruction instruction) {
    return path + " line " + instruction.line() + ", step " + instruction.step() + " (" + instruction.type()
        + ") of \"" + testCase.name() + "\": ";
  }

  /** What one instruction names that the release does not define. */
  private static final class References {
    private final ReleaseProcesses release;
    private final List<String> unknown = new ArrayList<>();

    References(ReleaseProcesses release) {
      this.release = release;
    }

    List<String> of(CptInstruction instruction) {
      if (instruction instanceof CreateProcessInstance start) {
        String id = start.processDefinitionSelector().processDefinitionId();
        process(id);
        start.startInstructions().forEach(at -> element(Optional.of(at.elementId()), Optional.empty(), Optional.of(id)));
      } else if (instruction instanceof CompleteUserTask task) {
        userTask(task.userTaskSelector());
      } else if (instruction instanceof AssertUserTask task) {
        userTask(task.userTaskSelector());
      } else if (instruction instanceof CompleteJob job) {
        externalTask(job.jobSelector().asExternalTask());
      } else if (instruction instanceof ThrowBpmnErrorFromJob job) {
        externalTask(job.jobSelector().asExternalTask());
      } else if (instruction instanceof C7CompleteExternalTask task) {
        externalTask(task.externalTaskSelector());
      } else if (instruction instanceof C7ThrowBpmnErrorFromExternalTask task) {
        externalTask(task.externalTaskSelector());
      } else if (instruction instanceof C7FailExternalTask task) {
        externalTask(task.externalTaskSelector());
      } else if (instruction instanceof CorrelateMessage message) {
        message(message.name());
      } else if (instruction instanceof PublishMessage message) {
        message(message.name());
      } else if (instruction instanceof UpdateVariables update) {
        inProcess(update.processInstanceSelector().processDefinitionId(), update.elementSelector());
      } else if (instruction instanceof AssertProcessInstance assertion) {
        process(assertion.processInstanceSelector().processDefinitionId());
      } else if (instruction instanceof AssertElementInstance assertion) {
        inProcess(assertion.processInstanceSelector().processDefinitionId(), Optional.of(assertion.elementSelector()));
      } else if (instruction instanceof AssertElementInstances assertion) {
        String id = assertion.processInstanceSelector().processDefinitionId();
        process(id);
        assertion.elementSelectors().forEach(selector -> inProcess(id, Optional.of(selector)));
      } else if (instruction instanceof AssertVariables assertion) {
        inProcess(assertion.processInstanceSelector().processDefinitionId(), assertion.elementSelector());
      } else if (instruction instanceof AssertProcessInstanceMessageSubscription assertion) {
        process(assertion.processInstanceSelector().processDefinitionId());
        message(assertion.messageSelector().messageName());
      } else if (instruction instanceof C7AssertIncident assertion) {
        inProcess(assertion.processInstanceSelector().processDefinitionId(), assertion.elementSelector());
      }
      return unknown.stream().distinct().toList();
    }

    private void process(String id) {
      if (!release.hasProcess(id)) {
        unknown.add("no process \"" + id + "\" in the release's BPMN; processes: " + list(release.processIds())
            + "; a smoke file runs the release's own processes");
      }
    }

    private void inProcess(String processId, Optional<ElementSelector> selector) {
      process(processId);
      selector.ifPresent(s -> element(s.elementId(), s.elementName(), Optional.of(processId)));
    }

    private void element(Optional<String> id, Optional<String> name, Optional<String> processId) {
      if ((id.isPresent() || name.isPresent()) && processId.map(release::hasProcess).orElse(true)
          && !release.hasElement(id, name, processId)) {
        unknown.add("no element " + describe(id, name) + processId.map(p -> " in process \"" + p + "\"").orElse("")
            + " in the release's BPMN; use the element id from the BPMN file");
      }
    }

    private void userTask(UserTaskSelector selector) {
      selector.processDefinitionId().ifPresent(this::process);
      element(selector.elementId(), selector.taskName(), selector.processDefinitionId());
    }

    private void externalTask(ExternalTaskSelector selector) {
      selector.processDefinitionId().ifPresent(this::process);
      selector.topic().filter(topic -> !release.hasTopic(topic)).ifPresent(topic -> unknown.add("no external task"
          + " of the release has topic \"" + topic + "\"; topics: " + list(release.topics())));
      element(selector.elementId(), Optional.empty(), selector.processDefinitionId());
    }

    private void message(String name) {
      if (!release.hasMessage(name)) {
        unknown.add("no message \"" + name + "\" in the release's BPMN; messages: " + list(release.messages()));
      }
    }

    private static String describe(Optional<String> id, Optional<String> name) {
      return id.map(i -> "\"" + i + "\"").orElse("") + (id.isPresent() && name.isPresent() ? " " : "")
          + name.map(n -> "named \"" + n + "\"").orElse("");
    }

    private static String list(Collection<String> values) {
      return values.isEmpty() ? "none" : String.join(", ", values);
    }
  }
}
