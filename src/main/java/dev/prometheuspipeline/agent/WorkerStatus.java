package dev.prometheuspipeline.agent;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What {@code GET /status} answers, and what the agent keeps on disk so the deployed commit survives a
 * restart. The client reads the same record, so the two sides cannot disagree on a key.
 *
 * @param commit the last commit deployed completely; null before the first
 * @param requested the commit being deployed, or the last one asked for
 * @param error why the last deploy failed; null unless {@code state} is {@code failed}
 * @param steps the install and restart commands of the last deploy, each with its output's tail
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerStatus(State state, String commit, String requested,
    @JsonProperty("release_ref") String releaseRef, String error,
    @JsonProperty("finished_at") Instant finishedAt, List<Step> steps) {

  /** Instants as ISO-8601 text, as {@code finished_at} is documented. */
  static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  public WorkerStatus {
    requireNonNull(state, "state");
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** Reads a {@code GET /status} answer. */
  public static WorkerStatus fromJson(byte[] body) throws IOException {
    return JSON.readValue(body, WorkerStatus.class);
  }

  static WorkerStatus idle() {
    return new WorkerStatus(State.IDLE, null, null, null, null, null, List.of());
  }

  WorkerStatus deploying(String commit, String releaseRef) {
    return new WorkerStatus(State.DEPLOYING, this.commit, commit, releaseRef, null, null, List.of());
  }

  WorkerStatus deployed(Instant at, List<Step> steps) {
    return new WorkerStatus(State.DEPLOYED, requested, requested, releaseRef, null, at, steps);
  }

  WorkerStatus failed(String reason, Instant at, List<Step> steps) {
    return new WorkerStatus(State.FAILED, commit, requested, releaseRef, reason, at, steps);
  }

  /** The deploy's lifecycle, written in lowercase on the wire. */
  public enum State {
    IDLE, DEPLOYING, DEPLOYED, FAILED;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static State fromWire(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One command the deploy ran.
   *
   * @param exitCode null when it did not finish (timed out, or could not start)
   * @param output the tail of what it wrote, bounded
   */
  public record Step(String name, String command, @JsonProperty("exit_code") Integer exitCode, String output) {}
}
