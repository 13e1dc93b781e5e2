package dev.prometheuspipeline.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.ArtifactType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PublicModelTest {
  private static PublicModel bpmn(String xml) {
    return new PublicModel("org/x/a.bpmn20.xml", ArtifactType.BPMN, xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(PublicModel model) {
    return new String(model.content(), StandardCharsets.UTF_8);
  }

  @Test
  void historyTimeToLiveIsAddedUnderThePrefixTheFileAlreadyUsesForCamunda() {
    PublicModel model = bpmn("<definitions xmlns:c=\"http://camunda.org/schema/1.0/bpmn\"><process id=\"p\"></process></definitions>");

    PublicModel copy = model.withHistoryTimeToLive().orElseThrow();

    assertThat(text(copy)).contains("<process id=\"p\" c:historyTimeToLive=\"180\">");
    assertThat(copy.id()).isEqualTo("org/x/a.bpmn20.xml+historyTimeToLive");
    assertThat(copy.path()).isEqualTo(model.path());
  }

  @Test
  void historyTimeToLiveBringsItsNamespaceWhenTheFileDeclaresNone() {
    PublicModel model = bpmn("<bpmn:definitions xmlns:bpmn=\"b\"><bpmn:process id=\"p\"/></bpmn:definitions>");

    assertThat(text(model.withHistoryTimeToLive().orElseThrow()))
        .contains("<bpmn:process id=\"p\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\""
            + " camunda:historyTimeToLive=\"180\"/>");
  }

  @Test
  void aModelWhoseProcessesAllHaveHistoryTimeToLiveGetsNoCopy() {
    PublicModel model = bpmn("<definitions><process id=\"p\" camunda:historyTimeToLive=\"5\"/></definitions>");

    assertThat(model.withHistoryTimeToLive()).isEmpty();
  }

  @Test
  void decisionsGetHistoryTimeToLiveButTheirTablesDoNot() {
    PublicModel model = new PublicModel("d.dmn", ArtifactType.DMN,
        "<definitions><decision id=\"d\"><decisionTable id=\"t\"/></decision></definitions>".getBytes(StandardCharsets.UTF_8));

    assertThat(text(model.withHistoryTimeToLive().orElseThrow()))
        .contains("<decision id=\"d\" xmlns:camunda=\"http://camunda.org/schema/1.0/dmn\" camunda:historyTimeToLive=\"180\">")
        .contains("<decisionTable id=\"t\"/>");
  }
}
