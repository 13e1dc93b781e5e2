package dev.prometheuspipeline.supplychain;

import java.util.List;

/**
 * What one advisory source said about a list of dependencies.
 *
 * @param affected each dependency an advisory applies to, once per advisory
 * @param problems what the source could not answer, in words a person acts on; a source that could not be
 *     asked says so here rather than answering with nothing
 */
public record AdvisoryAnswer(List<AffectedDependency> affected, List<String> problems) {
  public AdvisoryAnswer {
    affected = List.copyOf(affected);
    problems = List.copyOf(problems);
  }
}
