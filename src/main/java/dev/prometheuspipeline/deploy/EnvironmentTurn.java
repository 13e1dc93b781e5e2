package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.run.EnvironmentTurns;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.stage.StageMustWait;
import org.springframework.stereotype.Component;

/**
 * The stages that begin a release's pass on an environment ({@code pipeline.deploy-gate}) or a manual rollback's
 * undo there ({@code pipeline.rollback-release}) take the environment's turn first ({@link EnvironmentTurns}),
 * and wait while another release holds it. {@link EnvironmentTurnEnd} gives it back.
 */
@Component
public class EnvironmentTurn {
  private final EnvironmentTurns turns;
  private final RunHistory history;

  EnvironmentTurn(EnvironmentTurns turns, RunHistory history) {
    this.turns = turns;
    this.history = history;
  }

  /**
   * @param shownOnTheTask the task's error message now (null at its first offer): what the last wait said
   * @throws StageMustWait while another release holds {@code environment}, naming it; the release's history says
   *     so once per holder
   */
  public void take(String runId, String environment, String shownOnTheTask) {
    turns.take(environment, runId).ifPresent(holder -> {
      String waiting = "waiting for environment " + environment + ": release " + holder.releaseRef()
          + " has held it since " + holder.since() + " and goes first; this release continues when that one's"
          + " pass there is verified, refused or rolled back";
      // Offered again every few seconds: the history hears of each holder once, Cockpit shows the latest.
      if (!waiting.equals(shownOnTheTask)) {
        history.addEvent(runId, "waiting-for-environment", waiting);
      }
      throw new StageMustWait(waiting);
    });
  }
}
