package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenarioClockTest {
  private static final long YEAR_2040 = Instant.parse("2040-01-01T00:00:00Z").toEpochMilli();

  @AfterEach
  void resetTheEngineClock() {
    ScenarioClock.stop();
    ClockUtil.reset();
  }

  @Test
  void movesOnlyTheScenarioThreadsClock() throws Exception {
    ScenarioClock.install();
    ScenarioClock.start();
    ScenarioClock.moveTo(YEAR_2040);

    long elsewhere = CompletableFuture.supplyAsync(() -> ClockUtil.getCurrentTime().getTime()).get();

    assertThat(ClockUtil.getCurrentTime().getTime()).isGreaterThanOrEqualTo(YEAR_2040);
    assertThat(elsewhere).isLessThan(YEAR_2040);
  }

  @Test
  void keepsAnotherTestsFixedClockForItsThreads() throws Exception {
    long fixed = Instant.parse("2031-05-01T12:00:00Z").toEpochMilli();
    ClockUtil.setCurrentTime(new java.util.Date(fixed));

    ScenarioClock.install();
    ScenarioClock.start();
    ScenarioClock.moveBy(3_600_000);
    long elsewhere = CompletableFuture.supplyAsync(() -> ClockUtil.getCurrentTime().getTime()).get();

    assertThat(elsewhere).isEqualTo(fixed);
    assertThat(ClockUtil.getCurrentTime().getTime()).isBetween(System.currentTimeMillis(), System.currentTimeMillis() + 3_700_000);
  }
}
