package dev.prometheuspipeline.command;

import dev.prometheuspipeline.release.PipelineException;
import dev.prometheuspipeline.release.DeployedDefinitions;
import dev.prometheuspipeline.testing.TestFile;
import dev.prometheuspipeline.validate.ReleaseContext;
import dev.prometheuspipeline.validate.Report;
import dev.prometheuspipeline.validate.ReportContext;
import dev.prometheuspipeline.validate.ReportFormat;
import dev.prometheuspipeline.validate.Validator;
import dev.prometheuspipeline.validate.WorkerDeclarations;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code validate <dir> [--format text|json|sarif|html] [--output FILE] [--config FILE] [--public-url URL]}:
 * the validate stage's checks on a working copy, for a developer or any CI, offline.
 */
@Command(name = "validate", synopsisHeading = "usage: ",
    customSynopsis = {"validate <dir> [--format text|json|sarif|html] [--output FILE] [--config FILE]",
        "                [--public-url URL] [-hV]"},
    sortOptions = false,
    description = "The validate stage's checks on a working copy, offline.",
    descriptionHeading = "%n", parameterListHeading = "%n", exitCodeListHeading = "%nexit code:%n",
    exitCodeList = {"0:no errors (warnings allowed)", "1:errors found", "2:usage or I/O problem"})
final class ValidateCommand implements Callable<Integer> {
  /** The stage's default ({@code pipeline.validate.max-file-bytes}), so both judge the same files alike. */
  static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<dir>", converter = ExistingDirectory.class,
      description = "the models' repository, or a folder of it: every BPMN, DMN, form and HTML file under it"
          + " (not in .git, node_modules or target) is checked")
  private Path dir;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatName.class,
      description = "text (default), json, sarif (SARIF 2.1.0) or html (one page, diagrams drawn)")
  private ReportFormat format;

  @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of standard output")
  private Optional<Path> output;

  @Option(names = "--config", paramLabel = "FILE",
      description = "rule configuration to use instead of the one in <dir> (.prometheus/rules.json); a file named"
          + " .bpmnlintrc is read as bpmnlint configuration")
  private Optional<Path> config;

  @Option(names = "--public-url", paramLabel = "URL", converter = AbsoluteUrl.class,
      description = "the pipeline's address, to make rule documentation links absolute")
  private Optional<URI> publicUrl;

  @Override
  public Integer call() throws IOException {
    Validator.prepareInBackground();
    try {
      return validateAndReport(spec.commandLine().getOut());
    } catch (PipelineException e) {
      spec.commandLine().getErr().println("validate: the validator could not run: " + e.getMessage());
      return 2;
    }
  }

  private int validateAndReport(PrintWriter out) throws IOException {
    ModelDirectory directory = ModelDirectory.read(dir, MAX_FILE_BYTES);
    Map<String, byte[]> rules = new LinkedHashMap<>(directory.configFiles());
    if (config.isPresent()) {
      Path file = config.get();
      String name = file.getFileName().toString().equals(".bpmnlintrc") ? ".bpmnlintrc" : ".prometheus/rules.json";
      rules.put(name, Files.readAllBytes(file));
    }
    List<TestFile> smokeFiles = TestCommand.testFiles(dir).stream().filter(TestFile::isSmoke).toList();
    Report report = validate(new Validator(MAX_FILE_BYTES), directory, rules, smokeFiles);
    ReportContext context = ReportContext.withPipelineRules(directory.artifacts(), publicUrl);
    String written = format.write(report, context);
    if (output.isPresent()) {
      Files.writeString(output.get(), written, StandardCharsets.UTF_8);
      out.println(report.summary());
    } else {
      out.print(written);
    }
    out.flush();
    return report.hasErrors() ? 1 : 0;
  }

  /**
   * The stage's whole validation, offline: no target to ask (references not shipped are "could not check"),
   * worker folders linted, topics checked against the first worker folder that declares them, and the
   * folder judged as the deployments it makes (see {@link ModelDirectory#oneDeployment()}).
   */
  private static Report validate(Validator validator, ModelDirectory directory, Map<String, byte[]> config,
      List<TestFile> smokeFiles) throws IOException {
    WorkerDeclarations declarations = WorkerDeclarations.none();
    for (Map.Entry<String, Path> worker : directory.workerFolders().entrySet()) {
      Path manifest = worker.getValue().resolve("package.json");
      String path = worker.getKey().isEmpty() ? "package.json" : worker.getKey() + "/package.json";
      WorkerDeclarations declared = WorkerDeclarations.fromPackageJson(path, Files.readAllBytes(manifest));
      if (declared.declared() || !declared.findings().isEmpty()) {
        declarations = declared;
        break;
      }
    }
    ReleaseContext context =
        new ReleaseContext(DeployedDefinitions.none(), declarations, config, directory.workerFolders())
            .withSmokeFiles(smokeFiles);
    // A folder inside a product deploys whole; a repository, or a folder outside Git, per first folder.
    return validator.validate(directory.artifacts(), directory.oneDeployment() ? context.asOneDeployment() : context);
  }

  /** {@code --format}: the lowercase names the reports answer to, not the enum's constants. */
  static final class FormatName implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      return ReportFormat.fromOptionName(value).orElseThrow(() ->
          new TypeConversionException("unknown format '" + value + "'; use text, json, sarif or html"));
    }
  }

  /** {@code --public-url}: absolute, since the links it makes are read outside the pipeline. */
  static final class AbsoluteUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      try {
        URI uri = URI.create(value);
        if (!uri.isAbsolute()) {
          throw new TypeConversionException("must be absolute, such as https://pipeline.example.com: " + value);
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("not a URL: " + value);
      }
    }
  }
}
