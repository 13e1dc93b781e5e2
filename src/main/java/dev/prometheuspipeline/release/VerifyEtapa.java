package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code etapas.verify}: each check made on each environment's engine, in order, with its
 * {@code status} and what it saw; the status is the last environment's.
 */
public record VerifyEtapa(StageStatus status, List<Check> checks) implements Etapa {
  public VerifyEtapa {
    requireNonNull(status, "status");
    checks = List.copyOf(checks);
  }

  /** This etapa after the verification of the next environment (or of the same one again, which replaces it). */
  public VerifyEtapa then(VerifyEtapa next) {
    List<Check> all = new ArrayList<>();
    checks.stream().filter(c -> next.checks.stream().noneMatch(n -> Objects.equals(n.ambiente, c.ambiente)))
        .forEach(all::add);
    all.addAll(next.checks);
    return new VerifyEtapa(next.status, all);
  }

  /**
   * {@code status} is {@code passed}, {@code failed} or {@code skipped}; {@code duracao_ms} what it took;
   * {@code ambiente} the environment it ran on.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Check(String name, String ambiente, String status, @JsonProperty("duracao_ms") long duracaoMs,
      String detail) {
    public Check {
      requireNonNull(name, "name");
      requireNonNull(status, "status");
      requireNonNull(detail, "detail");
    }
  }
}
