package dev.prometheuspipeline.command;

import dev.prometheuspipeline.validate.Finding;
import java.nio.file.Path;
import java.util.List;

/**
 * Worker linting for the command line: every folder with a {@code package.json} is worker code and is
 * handed here. Integration: the worker checks (the repository's ESLint, {@code node --check}) plug in
 * where {@link Commands} builds the validate command.
 */
interface WorkerLinter {
  /** Lints nothing: worker code is not checked from the command line yet. */
  WorkerLinter NONE = (folder, repositoryPath) -> List.of();

  /**
   * @param folder the worker folder on disk
   * @param repositoryPath its path relative to the validated directory ({@code ""} for the directory itself)
   * @return findings with paths relative to the validated directory
   */
  List<Finding> lint(Path folder, String repositoryPath);
}
