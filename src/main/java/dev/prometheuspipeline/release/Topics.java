package dev.prometheuspipeline.release;

/** External-task topics of the release processes, one per stage. */
public final class Topics {
  public static final String FETCH = "pipeline.fetch";
  public static final String VALIDATE = "pipeline.validate";
  public static final String TEST = "pipeline.test";
  public static final String DEPLOY = "pipeline.deploy";
  public static final String VERIFY = "pipeline.verify";
  /** Reminders and escalations of a pending approval. */
  public static final String NOTIFY = "pipeline.notify";

  private Topics() {}
}
