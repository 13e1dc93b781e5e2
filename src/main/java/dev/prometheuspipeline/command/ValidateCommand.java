package dev.prometheuspipeline.command;

import dev.prometheuspipeline.command.Arguments.UsageException;

import dev.prometheuspipeline.release.PipelineException;
import dev.prometheuspipeline.release.DeployedDefinitions;
import dev.prometheuspipeline.validate.ReleaseContext;
import dev.prometheuspipeline.validate.WorkerDeclarations;
import dev.prometheuspipeline.validate.Report;
import dev.prometheuspipeline.validate.ReportContext;
import dev.prometheuspipeline.validate.ReportFormat;
import dev.prometheuspipeline.validate.Validator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code validate <dir> [--format text|json|sarif|html] [--output FILE] [--config FILE] [--public-url URL]}:
 * the validate stage's checks on a working copy, for a developer or any CI, offline.
 */
final class ValidateCommand implements Command {
  static final String USAGE = """
      usage: validate <dir> [--format text|json|sarif|html] [--output FILE] [--config FILE] [--public-url URL]
        <dir>         the models' repository (or a folder of it); every .bpmn, .dmn, .form and .html under it
                      is checked, except in .git, node_modules and target
        --format      text (default), json, sarif (SARIF 2.1.0) or html (one page, diagrams drawn)
        --output      write the report to FILE instead of standard output
        --config      rule configuration to use instead of <dir>/.prometheus/rules.json (a file named
                      .bpmnlintrc is read as bpmnlint configuration)
        --public-url  the pipeline's address, to make rule documentation links absolute
      exit code: 0 no errors, 1 errors found, 2 usage or I/O problem
      """;
  /** The stage's default ({@code pipeline.validate.max-file-bytes}), so both judge the same files alike. */
  static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException e) {
      err.println("validate: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(USAGE);
      return 0;
    }
    try {
      ModelDirectory directory = ModelDirectory.read(options.dir(), MAX_FILE_BYTES);
      Map<String, byte[]> config = new LinkedHashMap<>(directory.configFiles());
      if (options.config().isPresent()) {
        Path file = options.config().get();
        String name = file.getFileName().toString().equals(".bpmnlintrc") ? ".bpmnlintrc" : ".prometheus/rules.json";
        config.put(name, Files.readAllBytes(file));
      }
      Report report = validate(new Validator(MAX_FILE_BYTES), directory, config);
      ReportContext context = ReportContext.withPipelineRules(directory.artifacts(), options.publicUrl());
      String written = options.format().write(report, context);
      if (options.output().isPresent()) {
        Files.writeString(options.output().get(), written, StandardCharsets.UTF_8);
        out.println(report.summary());
      } else {
        out.print(written);
      }
      out.flush();
      return report.hasErrors() ? 1 : 0;
    } catch (NoSuchFileException e) {
      err.println("validate: no such file or directory: " + e.getFile());
      return 2;
    } catch (IOException e) {
      err.println("validate: " + e);
      return 2;
    } catch (PipelineException e) {
      err.println("validate: the validator could not run: " + e.getMessage());
      return 2;
    }
  }

  /**
   * The stage's whole validation, offline: no target to ask (references not shipped are "could not check"),
   * worker folders linted, topics checked against the first worker folder that declares them.
   */
  private static Report validate(Validator validator, ModelDirectory directory, Map<String, byte[]> config)
      throws IOException {
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
    return validator.validate(directory.artifacts(),
        new ReleaseContext(DeployedDefinitions.none(), declarations, config, directory.workerFolders()));
  }

  /** The parsed arguments. */
  record Options(Path dir, ReportFormat format, Optional<Path> output, Optional<Path> config,
      Optional<URI> publicUrl, boolean help) {

    static Options parse(List<String> list) {
      Path dir = null;
      ReportFormat format = ReportFormat.TEXT;
      Optional<Path> output = Optional.empty();
      Optional<Path> config = Optional.empty();
      Optional<URI> publicUrl = Optional.empty();
      Arguments args = new Arguments(list);
      while (args.hasNext()) {
        String name = args.nextName();
        switch (name) {
          case "-h", "--help" -> {
            return new Options(Path.of("."), format, output, config, publicUrl, true);
          }
          case "--format" -> {
            String value = args.value();
            format = ReportFormat.fromOptionName(value).orElseThrow(() ->
                new UsageException("unknown format '" + value + "'; use text, json, sarif or html"));
          }
          case "--output" -> output = Optional.of(Arguments.path(args.value(), name));
          case "--config" -> config = Optional.of(Arguments.path(args.value(), name));
          case "--public-url" -> publicUrl = Optional.of(url(args.value()));
          default -> {
            if (name.startsWith("-")) {
              throw new UsageException("unknown option " + args.current());
            }
            if (dir != null) {
              throw new UsageException("one directory only; got " + dir + " and " + name);
            }
            dir = Arguments.path(name, "<dir>");
          }
        }
      }
      return new Options(Arguments.directory(dir), format, output, config, publicUrl, false);
    }

    private static URI url(String value) {
      try {
        URI uri = URI.create(value);
        if (!uri.isAbsolute()) {
          throw new UsageException("--public-url must be absolute, such as https://pipeline.example.com");
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw new UsageException("--public-url: not a URL: " + value);
      }
    }
  }
}
