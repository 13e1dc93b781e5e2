package dev.prometheuspipeline.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SemverBumpTest {

  @Test
  void aNewMajorVersionBumpsAndAMinorOrPatchDoesNot() {
    assertThat(SemverBump.majorBumped("1.4.2", "2.0.0")).hasValue(true);
    assertThat(SemverBump.majorBumped("v1.4.2", "v1.5.0")).hasValue(false);
    assertThat(SemverBump.majorBumped("1.4.2", "1.4.3")).hasValue(false);
  }

  @Test
  void refsThatAreNoSemanticVersionsAskNothing() {
    assertThat(SemverBump.majorBumped("r-2026-12-01", "r-2026-12-07")).isEmpty();
    assertThat(SemverBump.majorBumped("1.4.2", "r-2026-12-07")).isEmpty();
  }
}
