package dev.prometheuspipeline.release;

/**
 * One {@code resultado.etapas} entry of the contract: what a stage found, as a typed record whose
 * Jackson form is the seed's wire shape. {@link SkippedEtapa} stands for a stage that never ran.
 */
public sealed interface Etapa permits ValidateEtapa, TestEtapa, SbomEtapa, VulnerabilidadesEtapa,
    AssinaturasEtapa, DeployEtapa, VerifyEtapa, RollbackEtapa, SkippedEtapa {
  StageStatus status();
}
