package dev.prometheuspipeline.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.AssinaturasEtapa;
import dev.prometheuspipeline.release.Etapa;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ModoConcluded;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.SbomEtapa;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StoredReport;
import dev.prometheuspipeline.release.VulnerabilidadesEtapa;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.supplychain.Attestation;
import dev.prometheuspipeline.supplychain.AttestationSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Writes a release's notes once validar has concluded, compared with what the last environment (the
 * production target) runs at that moment, and keeps them in the run store: a later release moving the target
 * on does not change what this one's notes say it changed.
 */
@Component
public class ReleaseNotesRecorder {
  /** Report kind in the run store. */
  public static final String KIND = "release-notes";
  public static final String MEDIA_TYPE = "text/markdown";

  private static final Logger log = LoggerFactory.getLogger(ReleaseNotesRecorder.class);

  private final ReleaseRuns runs;
  private final RunArtifacts artifacts;
  private final PreviousRelease previousRelease;
  private final RunReports reports;
  private final StageResults stages;
  private final ObjectMapper json;

  ReleaseNotesRecorder(ReleaseRuns runs, RunArtifacts artifacts, PreviousRelease previousRelease, RunReports reports,
      StageResults stages, ObjectMapper json) {
    this.runs = runs;
    this.artifacts = artifacts;
    this.previousRelease = previousRelease;
    this.reports = reports;
    this.stages = stages;
    this.json = json;
  }

  /**
   * After the engine's transaction: notes are for people, and a failure to write them must never undo the
   * validar it describes. {@code GET /notes} writes them then.
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void onValidarConcluded(ModoConcluded concluded) {
    if (concluded.modo() != Modo.VALIDAR) {
      return;
    }
    try {
      record(concluded.runId());
    } catch (RuntimeException e) {
      log.warn("notes release={} run={} outcome=failed error={}", concluded.releaseRef(), concluded.runId(), e.toString());
    }
  }

  /** The stored notes of the run, written now when validar concluded but none were stored yet. */
  public Optional<String> notes(String runId) {
    Optional<String> stored = reports.latest(runId, KIND).map(StoredReport::body);
    if (stored.isPresent() || stages.resultado(runId, Modo.VALIDAR).isEmpty()) {
      return stored;
    }
    return Optional.of(record(runId));
  }

  private String record(String runId) {
    ReleaseRun run = runs.require(runId);
    String target = previousRelease.target();
    Optional<ReleaseRun> previous = previousRelease.of(runId);
    List<ArtifactChange> changes = ModelChanges.between(
        previous.map(p -> artifacts.fetched(p.id())).orElse(List.of()), artifacts.fetched(runId));
    Map<Stage, Etapa> etapas = stages.stages(runId);
    Map<String, String> digests = new LinkedHashMap<>();
    reports.latest(runId, AttestationSet.KIND).map(StoredReport::body).map(AttestationSet::parse).orElse(List.of())
        .stream().filter(a -> !a.sha().isEmpty()).forEach((Attestation a) -> digests.put(a.path(), a.sha256()));
    String text = ReleaseNotes.markdown(new NotesInput(run.releaseRef(), runId, previous.map(ReleaseRun::releaseRef),
        previous.isPresent() ? target : "nothing released to " + target + " yet", changes, gate(runId),
        etapa(etapas, Stage.SBOM, SbomEtapa.class), etapa(etapas, Stage.VULNERABILITIES, VulnerabilidadesEtapa.class),
        etapa(etapas, Stage.SIGNATURES, AssinaturasEtapa.class), digests));
    reports.save(runId, KIND, MEDIA_TYPE, text);
    log.info("notes release={} run={} outcome=written comparedWith={} artifacts={}", run.releaseRef(), runId,
        previous.map(ReleaseRun::releaseRef).orElse("-"), changes.size());
    return text;
  }

  private Optional<Resultado.Gate> gate(String runId) {
    return stages.resultado(runId, Modo.VALIDAR).map(resultado -> resultado.get("regra_de_ouro"))
        .filter(node -> node != null && !node.isNull()).map(node -> {
          try {
            return json.treeToValue(node, Resultado.Gate.class);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored regra_de_ouro is not a gate: " + e.getOriginalMessage(), e);
          }
        });
  }

  private static <E extends Etapa> Optional<E> etapa(Map<Stage, Etapa> etapas, Stage stage, Class<E> type) {
    return Optional.ofNullable(etapas.get(stage)).filter(type::isInstance).map(type::cast);
  }
}
