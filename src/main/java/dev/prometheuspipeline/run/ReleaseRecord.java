package dev.prometheuspipeline.run;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseRun;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run with what its view shows beside it, read in one statement: the {@code contexto} as asked, each modo's
 * concluded {@code resultado} as stored and served, and the MS_PRODUTO decision once there is one.
 */
public record ReleaseRecord(ReleaseRun run, JsonNode contexto, Map<Modo, JsonNode> resultados,
    Optional<Approval> approval) {

  public ReleaseRecord {
    requireNonNull(run, "run");
    requireNonNull(contexto, "contexto");
    resultados = resultados.isEmpty() ? Map.of() : new EnumMap<>(resultados);
    requireNonNull(approval, "approval");
  }
}
