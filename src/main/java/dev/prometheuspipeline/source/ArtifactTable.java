package dev.prometheuspipeline.source;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.List;

/** What exactly is being released, as the approval form shows it. */
final class ArtifactTable {
  private ArtifactTable() {}

  /** A Markdown table: type, path, abbreviated commit and digest of each artifact. */
  static String markdown(List<FetchedArtifact> fetched) {
    StringBuilder table = new StringBuilder("| tipo | path | sha | sha256 |\n|---|---|---|---|\n");
    for (FetchedArtifact f : fetched) {
      table.append("| ").append(f.type().wireName())
          .append(" | ").append(f.path().replace("|", "\\|"))
          .append(" | ").append(f.artifact().sha(), 0, Math.min(12, f.artifact().sha().length()))
          .append(" | ").append(f.digest(), 0, 16).append("… |\n");
    }
    return table.toString();
  }
}
