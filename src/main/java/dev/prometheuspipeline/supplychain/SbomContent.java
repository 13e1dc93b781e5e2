package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What both SBOM formats say, gathered once so that they say the same.
 *
 * @param subject the release and run
 * @param artifacts the release's artifacts, sorted by path
 * @param graph the workers' packages, merged; {@code direct} keyed by worker path
 */
record SbomContent(SbomSubject subject, List<FetchedArtifact> artifacts, DependencyGraph graph) {
  static final String TOOL = "prometheus-pipeline";
  /** Prefix of the CycloneDX property names this pipeline defines, so they do not clash with others'. */
  static final String PROPERTY_PREFIX = "prometheus-pipeline:";

  SbomContent {
    requireNonNull(subject, "subject");
    artifacts = artifacts.stream().sorted(Comparator.comparing(FetchedArtifact::path)).toList();
    requireNonNull(graph, "graph");
  }

  /** The same run of the same release is the same document: CycloneDX serial number and SPDX namespace. */
  UUID documentId() {
    return UUID.nameUUIDFromBytes((subject.runId() + subject.releaseRef()).getBytes(StandardCharsets.UTF_8));
  }

  /** The commits the release's artifacts are pinned to, each once, sorted. */
  List<String> commits() {
    return artifacts.stream().map(a -> a.artifact().sha()).distinct().sorted().toList();
  }

  static String artifactRef(FetchedArtifact artifact) {
    return "artifact:" + artifact.path();
  }

  String releaseRef() {
    return "release:" + subject.releaseRef();
  }
}
