package dev.prometheuspipeline.verify;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/environments/{name}/drift}: whether what the environment starts by key is what its last
 * successful release validated, key by key.
 *
 * @param ambiente the environment, as the contract names it
 * @param releaseId the newest run that deployed to the environment and succeeded; null when none did yet
 * @param drifted whether any key runs something else than the validated bytes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DriftReport(String ambiente, String releaseId, String releaseRef, Instant checkedAt, boolean drifted,
                          String detail, List<DriftCheck.Drift> keys) {
  public DriftReport {
    keys = List.copyOf(keys);
  }

  static DriftReport nothingReleased(String ambiente, Instant now) {
    return new DriftReport(ambiente, null, null, now, false, "no release has been deployed to " + ambiente
        + " and succeeded yet, so there is nothing to compare the target with", List.of());
  }

  static DriftReport of(String ambiente, String releaseId, String releaseRef, Instant now, List<DriftCheck.Drift> keys) {
    long drifted = keys.stream().filter(DriftCheck.Drift::drifted).count();
    String detail = drifted == 0
        ? "every one of the " + keys.size() + " process and decision keys of release " + releaseRef
            + " starts the validated version"
        : drifted + " of " + keys.size() + " keys of release " + releaseRef + " start something else than the"
            + " validated version: " + keys.stream().filter(DriftCheck.Drift::drifted).map(DriftCheck.Drift::key)
            .toList();
    return new DriftReport(ambiente, releaseId, releaseRef, now, drifted > 0, detail, keys);
  }
}
