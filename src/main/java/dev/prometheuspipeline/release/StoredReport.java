package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

/** A large stage result (a validation or test report) kept in the store and referenced by id. */
public record StoredReport(String id, String runId, String kind, String mediaType, String body) {
  public StoredReport {
    requireNonNull(id, "id");
    requireNonNull(runId, "runId");
    requireNonNull(kind, "kind");
    requireNonNull(mediaType, "mediaType");
    requireNonNull(body, "body");
  }
}
