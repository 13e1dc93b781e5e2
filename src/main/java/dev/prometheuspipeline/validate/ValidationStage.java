package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.release.DeployedDefinitions;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.ValidateEtapa;
import dev.prometheuspipeline.smoke.SmokeFiles;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.WorkerCheckout;
import dev.prometheuspipeline.source.WorkerCheckouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VALIDATE stage of a release, on what the fetch stage stored: its models, its rule
 * configuration, its workers checked out at their commits (linted, their declared topics read), and
 * the target asked about the definitions the release refers to but does not ship.
 */
public final class ValidationStage {
  /** The approval form shows this many findings; the full list is in the report. */
  private static final int SUMMARY_FINDINGS = 20;

  private final Validator validator;
  private final ArtifactFetcher fetcher;
  private final Optional<URI> publicUrl;

  /**
   * @param publicUrl the application's public address, which makes documentation links absolute as SARIF
   *     viewers need them; refused here, at start, when relative, rather than at every run
   */
  public ValidationStage(Validator validator, ArtifactFetcher fetcher, Optional<URI> publicUrl) {
    this.validator = requireNonNull(validator, "validator");
    this.fetcher = requireNonNull(fetcher, "fetcher");
    this.publicUrl = requireNonNull(publicUrl, "publicUrl");
    if (publicUrl.isPresent() && !publicUrl.get().isAbsolute()) {
      throw new IllegalArgumentException("pipeline.public-url must be absolute, such as "
          + "https://pipeline.example.com: " + publicUrl.get());
    }
  }

  /** Validates the release; never throws for what is wrong in its artifacts: those are findings. */
  public Validation validate(List<FetchedArtifact> artifacts, List<CompanionFile> companions,
      DeployedDefinitions deployed) {
    Map<String, byte[]> ruleConfig = new LinkedHashMap<>();
    companions.stream().filter(file -> file.kind() == CompanionFile.Kind.RULE_CONFIG)
        .forEach(file -> ruleConfig.put(file.path(), file.content()));
    Report report;
    try (WorkerCheckouts workers = WorkerCheckouts.of(fetcher, artifacts)) {
      WorkerDeclarations declarations = workers.all().stream().map(ValidationStage::declarationsOf)
          .filter(WorkerDeclarations::declared).findFirst().orElse(WorkerDeclarations.none());
      report = validator.validate(artifacts, new ReleaseContext(deployed, declarations, ruleConfig,
          workers.directories()).withSmokeFiles(SmokeFiles.of(companions)));
    }
    return new Validation(report, new ReportContext(PipelineRules.all(), artifacts, publicUrl));
  }

  /** A validation's report, and what the stage makes of it. */
  public record Validation(Report report, ReportContext context) {
    public StageStatus status() {
      return report.hasErrors() ? StageStatus.FAILED : StageStatus.SUCCESS;
    }

    /** The report in a stored format. */
    public String render(ReportFormat format) {
      return format.write(report, context);
    }

    /** {@code etapas.validate}, linking the stored JSON, SARIF and HTML reports. */
    public ValidateEtapa etapa(Map<ReportFormat, String> links) {
      return new ValidateEtapa(status(), context.onTheWire(report.errors()), context.onTheWire(report.warnings()),
          links.get(ReportFormat.JSON), links.get(ReportFormat.SARIF), links.get(ReportFormat.HTML));
    }

    /** Up to {@value #SUMMARY_FINDINGS} findings, one line each, for the approval form. */
    public String summary() {
      if (report.findings().isEmpty()) {
        return "No findings.";
      }
      StringBuilder text = new StringBuilder();
      report.findings().stream().limit(SUMMARY_FINDINGS)
          .forEach(f -> text.append("- ").append(f.describe()).append('\n'));
      if (report.findings().size() > SUMMARY_FINDINGS) {
        text.append("- … and ").append(report.findings().size() - SUMMARY_FINDINGS).append(" more in the report\n");
      }
      return text.toString();
    }
  }

  private static WorkerDeclarations declarationsOf(WorkerCheckout checkout) {
    Path manifest = checkout.directory().resolve("package.json");
    if (!Files.isRegularFile(manifest)) {
      return WorkerDeclarations.none();
    }
    String path = checkout.repositoryPath().isEmpty() ? "package.json" : checkout.repositoryPath() + "/package.json";
    try {
      return WorkerDeclarations.fromPackageJson(path, Files.readAllBytes(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + " of the checked-out worker", e);
    }
  }
}
