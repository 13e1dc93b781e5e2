package dev.prometheuspipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.StageStatus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageOutcomeTest {

  @Test
  void aTextOverTheEnginesColumnIsCutSayingHowMuchAndWhereTheRestIs() {
    String bounded = StageOutcome.bounded("x".repeat(10_000));

    assertThat(bounded).hasSizeLessThanOrEqualTo(StageOutcome.MAX_TEXT)
        .endsWith("… (7120 more characters: the release's etapas and reports have the whole text)");
  }

  @Test
  void shortTextIsKeptAsItIs() {
    assertThat(StageOutcome.bounded("Validation found 3 error(s)")).isEqualTo("Validation found 3 error(s)");
  }

  @Test
  void theErrorMessageAndEveryTextVariableAreBoundedAndOtherValuesKept() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("summary", "y".repeat(5_000));
    variables.put("count", 60);
    variables.put("nothing", null);

    StageOutcome outcome = StageOutcome.bpmnError("FETCH_FAILED", "z".repeat(9_000), variables);

    assertThat(outcome.errorMessage()).hasSizeLessThanOrEqualTo(StageOutcome.MAX_TEXT);
    assertThat((String) outcome.variables().get("summary")).hasSizeLessThanOrEqualTo(StageOutcome.MAX_TEXT);
    assertThat(outcome.variables()).containsEntry("count", 60).containsEntry("nothing", null);
    assertThat(outcome.status()).isEqualTo(StageStatus.FAILED);
  }
}
