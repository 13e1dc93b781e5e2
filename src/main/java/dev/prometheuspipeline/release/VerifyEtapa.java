package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code etapas.verify}: each check made on the target, with its {@code status} and what it saw. */
public record VerifyEtapa(StageStatus status, List<Check> checks) implements Etapa {
  public VerifyEtapa {
    requireNonNull(status, "status");
    checks = List.copyOf(checks);
  }

  /** {@code status} is {@code passed}, {@code failed} or {@code skipped}; {@code duracao_ms} what it took. */
  public record Check(String name, String status, @JsonProperty("duracao_ms") long duracaoMs, String detail) {
    public Check {
      requireNonNull(name, "name");
      requireNonNull(status, "status");
      requireNonNull(detail, "detail");
    }
  }
}
