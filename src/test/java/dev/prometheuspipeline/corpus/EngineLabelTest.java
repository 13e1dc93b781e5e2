package dev.prometheuspipeline.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineLabelTest {
  @Test
  void aFindingCarriesTheEngineReasonWhateverItsSpacingCaseAndSurroundingText() {
    EngineLabel label = EngineLabel.refuse(List.of("ENGINE-12018 History Time To Live (TTL)\n   cannot be null."));

    assertThat(label.carriedBy("x.bpmn:3 engine-12018 history time to live (TTL) cannot be null; set it")).isTrue();
  }

  @Test
  void aFindingAboutSomethingElseDoesNotCarryTheEngineReason() {
    EngineLabel label = EngineLabel.refuse(List.of("Attribute 'class' cannot be empty"));

    assertThat(label.carriedBy("is not valid JSON")).isFalse();
  }

  @Test
  void onlyTheStartOfALongReasonIsNeededSoTheValidatorMayShortenIt() {
    String reason = "a".repeat(80) + " and then a long tail the validator may cut";

    assertThat(EngineLabel.refuse(List.of(reason)).carriedBy("a".repeat(80) + "…")).isTrue();
  }

  @Test
  void theLineAnXmlParserPutsBeforeItsReasonIsJudgedAsTheFindingsLocation() {
    EngineLabel label = EngineLabel.refuse(List.of(
        "Error: URI=null Line=30: cvc-id.2: There are multiple occurrences of ID value 'clause2'."));
    String finding = "id 'clause2' is used twice (cvc-id.2: There are multiple occurrences of ID value 'clause2')";

    assertThat(label.carriedBy(finding, 30)).isTrue();
    assertThat(label.carriedBy(finding, 16)).isFalse();
  }

  @Test
  void aRefusalWithoutAReasonIsNotALabel() {
    assertThatThrownBy(() -> EngineLabel.refuse(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
