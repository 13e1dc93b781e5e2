package dev.prometheuspipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Collection;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.junit.jupiter.api.Test;

class ReleaseProgressTest {

  @Test
  void onlyTheRemindersAndEscalationsEndASideBranchOfTheRelease() throws Exception {
    Collection<EndEvent> ends = model("processes/release.bpmn").getModelElementsByType(EndEvent.class);

    assertThat(ends).filteredOn(ReleaseProgress::endsASideBranch).extracting(EndEvent::getId)
        .containsExactlyInAnyOrder("EndEvent_ApproversReminded", "EndEvent_ApprovalEscalated");
    assertThat(ends).filteredOn(end -> !ReleaseProgress.endsASideBranch(end)).extracting(EndEvent::getId)
        .contains("EndEvent_ReleaseDeployed", "EndEvent_ApprovalExpired", "EndEvent_ReleaseRejected",
            "EndEvent_GateFailed", "EndEvent_ValidationFailed", "EndEvent_DeploymentFailed");
  }

  @Test
  void everyEndOfValidarAndImplantarEndsTheirRun() throws Exception {
    for (String process : new String[] {"processes/validar.bpmn", "processes/implantar.bpmn"}) {
      assertThat(model(process).getModelElementsByType(EndEvent.class))
          .noneMatch(ReleaseProgress::endsASideBranch);
    }
  }

  @Test
  void successIsRecognisedByTheEndEventsTheModelsReallyHave() throws Exception {
    for (String process : new String[] {"processes/release.bpmn", "processes/validar.bpmn",
        "processes/implantar.bpmn"}) {
      assertThat(model(process).getModelElementsByType(EndEvent.class)).extracting(EndEvent::getId)
          .containsAnyElementsOf(ReleaseProgress.SUCCESS_ENDS);
    }
  }

  @Test
  void validarAloneEndsAsAFailureWhereverItDoesNotValidate() throws Exception {
    assertThat(model("processes/validar.bpmn").getModelElementsByType(EndEvent.class)).extracting(EndEvent::getId)
        .filteredOn(id -> !ReleaseProgress.SUCCESS_ENDS.contains(id))
        .containsExactlyInAnyOrder("EndEvent_FetchFailed", "EndEvent_ValidationFailed", "EndEvent_TestsFailed");
  }

  private static BpmnModelInstance model(String resource) throws Exception {
    try (InputStream in = ReleaseProgressTest.class.getClassLoader().getResourceAsStream(resource)) {
      return Bpmn.readModelFromStream(in);
    }
  }
}
