package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.validate.ReleaseModels.BpmnFile;
import dev.prometheuspipeline.validate.ReleaseModels.Shipped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;

/** One hand-written process, as a release of one file, with its data-flow steps. */
final class ProcessFixture {
  final BpmnFile file;
  final Process process;
  final Map<BaseElement, FlowStep> steps;

  private ProcessFixture(BpmnFile file) {
    this.file = file;
    this.process = file.processes().iterator().next();
    this.steps = new ElementVariables(ReleaseModels.of(List.of(file.shipped())), WorkerDeclarations.none())
        .steps(file.shipped(), process);
  }

  /** {@code body} goes inside {@code <process id="order" isExecutable="true">}. */
  static ProcessFixture of(String body) {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
          <process id="order" isExecutable="true" camunda:historyTimeToLive="P1D">
        %s
          </process>
        </definitions>
        """.formatted(body);
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    String path = "Genesis/order.bpmn";
    XmlScanner.Scan scan = new XmlScanner().scan(path, bytes);
    Shipped shipped = new Shipped(new Artifact(ArtifactType.BPMN, "order.bpmn", path, "1a2b3c4"),
        new CheckedFile(path, "order.bpmn", bytes, xml, scan.locations()));
    return new ProcessFixture(ReleaseModels.of(List.of(shipped)).bpmn().get(0));
  }

  FlowStep step(String id) {
    return steps.values().stream().filter(step -> id.equals(step.element.getId())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no element " + id));
  }
}
