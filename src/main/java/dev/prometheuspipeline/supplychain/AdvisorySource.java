package dev.prometheuspipeline.supplychain;

import java.util.List;

/** Somewhere that knows which package versions are vulnerable: npm's registry, a folder of OSV advisories. */
public interface AdvisorySource {

  /** A short name for the source, used in problems ("npm advisories", "OSV advisories in /x"). */
  String name();

  /**
   * The advisories that apply to each of the given dependencies at its exact version. Never throws for an
   * unreachable service or a bad advisory: those become the answer's problems.
   */
  AdvisoryAnswer advisories(List<Dependency> dependencies);
}
