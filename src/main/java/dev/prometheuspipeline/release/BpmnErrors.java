package dev.prometheuspipeline.release;

/**
 * Error codes of expected failures; each is caught on the diagram and ends the run as {@code falha}.
 * Validation errors and failed tests are not among them: the Regra de Ouro judges those.
 */
public final class BpmnErrors {
  public static final String FETCH_FAILED = "FETCH_FAILED";
  public static final String DEPLOY_FAILED = "DEPLOY_FAILED";
  public static final String VERIFY_FAILED = "VERIFY_FAILED";
  /** The environment's worker agent did not report the release's workers commit. */
  public static final String WORKERS_FAILED = "WORKERS_FAILED";
  /** dmn/deploy-gate.dmn refused an environment; thrown inside implantar, caught at its environments loop. */
  public static final String DEPLOY_BLOCKED = "DEPLOY_BLOCKED";
  /** An environment failed and was rolled back; thrown inside implantar, caught at its environments loop. */
  public static final String ENVIRONMENT_FAILED = "ENVIRONMENT_FAILED";
  /** Thrown by {@code validar} when it ends in failure, caught by {@code release}'s call activity. */
  public static final String VALIDAR_FAILED = "VALIDAR_FAILED";
  /** Thrown by {@code implantar} when it ends in failure, caught by {@code release}'s call activity. */
  public static final String IMPLANTAR_FAILED = "IMPLANTAR_FAILED";

  private BpmnErrors() {}
}
