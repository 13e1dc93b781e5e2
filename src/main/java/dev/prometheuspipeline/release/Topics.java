package dev.prometheuspipeline.release;

import java.util.Set;

/** External-task topics of the release processes, one per stage. */
public final class Topics {
  public static final String FETCH = "pipeline.fetch";
  public static final String VALIDATE = "pipeline.validate";
  public static final String TEST = "pipeline.test";
  /** The release's SBOM, CycloneDX and SPDX. */
  public static final String SBOM = "pipeline.sbom";
  /** The SBOM's packages against advisories. */
  public static final String VULNERABILITIES = "pipeline.vulnerabilities";
  /** Signatures of every artifact and the SBOM, and the signed provenance. */
  public static final String SIGN = "pipeline.sign";
  /** The release's models against those the production target runs: breaking changes for the gate. */
  public static final String COMPARE = "pipeline.compare";
  /** What the deploy gate decides on, per environment: the digests and the approval. */
  public static final String DEPLOY_GATE = "pipeline.deploy-gate";
  public static final String DEPLOY = "pipeline.deploy";
  /** The workers, through the environment's worker agent. */
  public static final String DEPLOY_WORKERS = "pipeline.deploy-workers";
  public static final String VERIFY = "pipeline.verify";
  /** Undoes what a release did on an environment whose deploy or verification failed. */
  public static final String ROLLBACK = "pipeline.rollback";
  /** Undoes a verified release on one environment, after its manual rollback was approved. */
  public static final String ROLLBACK_RELEASE = "pipeline.rollback-release";
  /** Reminders and escalations of a pending approval. */
  public static final String NOTIFY = "pipeline.notify";

  /**
   * The topics only application nodes work on: a reminder or an escalation reads the approval task and its
   * candidates from the engine, which a worker-only process does not run.
   */
  public static final Set<String> APPLICATION_NODES_ONLY = Set.of(NOTIFY);

  private Topics() {}
}
