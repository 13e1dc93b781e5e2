package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.PipelineException;
import dev.prometheuspipeline.sandbox.ParseOnlyEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a release's artifacts before anything is deployed. Every file gets the checks all files
 * get (size, is it text); XML models then a hardened pre-parse; then each type its own checks, BPMN and
 * DMN through Camunda 7's own parsers: run without a database ({@code ParseOnlyEngine}), and in a
 * throwaway sandbox engine only for a model whose deployment could refuse what the parse accepted
 * ({@link EngineCheck}). Worker artifacts are not checked yet.
 *
 * <p>Thread-safe: each call works on its own parsers and sandbox engine.
 */
public final class Validator {
  static final String TOO_LARGE = "file-too-large";
  /** Threads the files are checked on: this machine class has two cores; more only adds parsers. */
  static final int LANES = 2;
  static final String EXTENSION = "file-extension";
  static final String CHECK_FAILED = "check-failed";
  static final RuleInfo TOO_LARGE_RULE = RuleInfo.engine(TOO_LARGE, "file",
      "A file is no larger than the validation limit",
      "A file over the limit is not parsed at all, so nothing about it is known; it cannot pass unseen.",
      "make the file smaller (embedded images and generated content are the usual cause), or raise the"
          + " validation size limit");
  static final RuleInfo EXTENSION_RULE = RuleInfo.engine(EXTENSION, "file",
      "A file's name ends in its type's extension",
      "The engine parses and deploys resources by their extension (.bpmn, .dmn, .form); any other name is"
          + " stored and silently never deployed.",
      "rename the file to end in its type's extension");
  static final RuleInfo CHECK_FAILED_RULE = RuleInfo.engine(CHECK_FAILED, "file",
      "Every check could run on the file",
      "A check that broke on a file says nothing about it; a file nobody could check must not pass.",
      "report it to the pipeline's maintainers with the file; until then the file cannot pass");
  static final List<RuleInfo> RULES = List.of(TOO_LARGE_RULE, EXTENSION_RULE, CHECK_FAILED_RULE);

  private static final Logger log = LoggerFactory.getLogger(Validator.class);
  /** Set by the first {@link #prepareInBackground()}: one head start per JVM is all there is to gain. */
  private static final AtomicBoolean PREPARING = new AtomicBoolean();
  private static final Duration WORKER_INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration WORKER_LINT_TIMEOUT = Duration.ofMinutes(2);
  private static final int WORKER_LINT_OUTPUT_BYTES = 4 * 1024 * 1024;

  private final long maxFileBytes;
  private final EngineCheck engineCheck;
  private final WorkerLinter workerLinter =
      new WorkerLinter(WORKER_INSTALL_TIMEOUT, WORKER_LINT_TIMEOUT, WORKER_LINT_OUTPUT_BYTES);

  /**
   * @param maxFileBytes the largest file that is parsed at all; larger ones are a finding. It bounds the
   *     memory and time any one file can take.
   */
  public Validator(long maxFileBytes) {
    this(maxFileBytes, EngineCheck.PARSE_FIRST);
  }

  /**
   * Starts the engine's parser and the model API's in the background, for a process that validates once and
   * has other work to do first (a command reading its folder): their start-up, mostly schema compilation,
   * then overlaps that work. Only a head start: a validation that comes before they are ready waits for them,
   * and one that fails here is tried again, and reported, by the validation. Calls after the first do nothing.
   */
  public static void prepareInBackground() {
    if (!PREPARING.compareAndSet(false, true)) {
      return;
    }
    startDaemon("validate-prepare-engine", () -> {
      try {
        ParseOnlyEngine.shared();
      } catch (RuntimeException e) {
        log.debug("event=prepare-failed reason={}", e.toString());
      }
    });
    startDaemon("validate-prepare-model-api", () -> {
      try {
        BpmnModelReader.prepare();
      } catch (RuntimeException e) {
        log.debug("event=prepare-failed reason={}", e.toString());
      }
    });
  }

  private static void startDaemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  Validator(long maxFileBytes, EngineCheck engineCheck) {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
    }
    this.maxFileBytes = maxFileBytes;
    this.engineCheck = requireNonNull(engineCheck, "engineCheck");
  }

  /**
   * Checks every artifact and collects every problem; never stops at the first file. A problem in an
   * artifact is a {@link Finding}, never an exception, whatever the bytes are. Each file is checked on its
   * own; the checks across files run only through {@link #validate(List, ReleaseContext)}.
   *
   * @throws PipelineException only when the validator itself cannot run (the sandbox engine does not start)
   */
  public Report validate(List<FetchedArtifact> artifacts) {
    return validate(artifacts, Map.of());
  }

  /**
   * As {@link #validate(List)}, with the repository's rule configuration applied to the findings: rules
   * turned off dropped, severities changed, except for rules covering what the engine rejects, which stay
   * errors. A configuration file that cannot be read is a finding on that file, never an exception.
   *
   * @param configFiles repository path → content of {@code .prometheus/rules.json} (our rule ids) and/or
   *     {@code .bpmnlintrc} (bpmnlint rule names; ours wins where both name a rule); empty for the defaults
   * @throws PipelineException only when the validator itself cannot run (the sandbox engine does not start)
   */
  public Report validate(List<FetchedArtifact> artifacts, Map<String, byte[]> configFiles) {
    return validate(artifacts, Optional.empty(), configFiles);
  }

  /**
   * The whole validation of a release: each file as {@link #validate(List)} does, each worker folder of
   * {@code context} through its repository's own linter, then the checks across files ({@link ReleaseChecks})
   * once, on the files that passed the pre-parse: references resolve in the release or on the context's
   * target, no duplicate ids per product deployment, topics match the workers' declaration, variables flow.
   * The context's rule configuration applies to all of it.
   */
  public Report validate(List<FetchedArtifact> artifacts, ReleaseContext context) {
    requireNonNull(context, "context");
    return validate(artifacts, Optional.of(context), context.ruleConfig());
  }

  private Report validate(List<FetchedArtifact> artifacts, Optional<ReleaseContext> context,
      Map<String, byte[]> configFiles) {
    requireNonNull(artifacts, "artifacts");
    RuleConfig config = RuleConfig.read(configFiles);
    long started = System.nanoTime();
    List<Finding> findings = new ArrayList<>();
    List<ReleaseModels.Shipped> shipped = new ArrayList<>();
    try (LazySandbox sandbox = new LazySandbox()) {
      List<FetchedArtifact> resources = artifacts.stream().filter(a -> a.type().isEngineResource()).toList();
      for (Checked checked : checkInParallel(resources, sandbox)) {
        findings.addAll(checked.findings());
        shipped.addAll(checked.shipped());
      }
    }
    context.ifPresent(release -> {
      release.workerDirectories().forEach((path, directory) -> findings.addAll(workerLinter.lint(directory, path)));
      List<Finding> acrossFiles = new ArrayList<>(checkRelease(release, shipped));
      acrossFiles.addAll(SmokeFindings.of(release.smokeFiles(), artifacts));
      IdlessForms.dropSupersededWarnings(findings, acrossFiles);
      findings.addAll(acrossFiles);
    });
    Report report = new Report(config.apply(findings));
    log.debug(
        "event=validated files={} errors={} warnings={} durationMs={}",
        artifacts.size(), report.errorCount(), report.warningCount(), (System.nanoTime() - started) / 1_000_000);
    return report;
  }

  /** One file's findings, and the file as the checks across files see it when it passed the pre-parse. */
  private record Checked(List<Finding> findings, List<ReleaseModels.Shipped> shipped) {}

  /**
   * Each file on its own, on up to {@value #LANES} threads (files are independent; each thread has its own
   * parsers), the results in the files' order so the report is the same as a serial run's.
   */
  private List<Checked> checkInParallel(List<FetchedArtifact> resources, LazySandbox sandbox) {
    int lanes = Math.max(1, Math.min(Math.min(LANES, Runtime.getRuntime().availableProcessors()), resources.size()));
    Checked[] results = new Checked[resources.size()];
    Runnable[] work = new Runnable[lanes];
    // Each lane takes the next file not taken yet: files differ in size, and a lane that started late (the one
    // preparing the model API) or is slowed by a neighbour takes fewer, so both lanes finish together.
    AtomicInteger next = new AtomicInteger();
    for (int lane = 0; lane < lanes; lane++) {
      boolean prepareModelApi = lane == 1 && resources.stream().anyMatch(a -> a.type() == ArtifactType.BPMN);
      work[lane] = () -> {
        if (prepareModelApi) {
          // Both start-ups are mostly schema compilation; one per core instead of one after the other.
          BpmnModelReader.prepare();
        }
        XmlScanner scanner = new XmlScanner();
        Map<ArtifactType, FileChecker> checkers =
            Map.of(
                ArtifactType.BPMN, new BpmnChecker(sandbox, engineCheck),
                ArtifactType.DMN, new DmnChecker(sandbox, engineCheck, new DmnSchema(scanner)),
                ArtifactType.FORM, new FormChecker(),
                ArtifactType.HTML, new HtmlChecker());
        for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
          FetchedArtifact artifact = resources.get(i);
          List<ReleaseModels.Shipped> shipped = new ArrayList<>(1);
          results[i] = new Checked(check(artifact, scanner, checkers.get(artifact.type()), shipped), shipped);
        }
      };
    }
    if (lanes == 1) {
      work[0].run();
      return List.of(results);
    }
    List<CompletableFuture<Void>> others = new ArrayList<>();
    for (int lane = 1; lane < lanes; lane++) {
      String name = "validate-lane-" + lane;
      others.add(CompletableFuture.runAsync(work[lane], runnable -> startDaemon(name, runnable)));
    }
    work[0].run();
    try {
      CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
    return List.of(results);
  }

  private List<Finding> check(FetchedArtifact artifact, XmlScanner scanner, FileChecker checker,
      List<ReleaseModels.Shipped> shipped) {
    String path = artifact.path();
    try {
      Optional<Finding> tooLarge = tooLarge(path, artifact.sizeBytes());
      if (tooLarge.isPresent()) {
        return List.of(tooLarge.get());
      }
      byte[] bytes = artifact.content();
      tooLarge = tooLarge(path, bytes.length);
      if (tooLarge.isPresent()) {
        return List.of(tooLarge.get());
      }
      boolean xml = artifact.type() == ArtifactType.BPMN || artifact.type() == ArtifactType.DMN;
      TextCheck.Decoded decoded = TextCheck.decode(path, bytes, xml);
      if (decoded.problem().isPresent()) {
        return List.of(decoded.problem().get());
      }
      List<Finding> findings = new ArrayList<>();
      String resourceName = artifact.artifact().resourceName();
      String engineName = EngineResourceName.of(artifact.type(), resourceName);
      if (!engineName.equals(resourceName)) {
        findings.add(wrongExtension(path, artifact.type(), resourceName));
      }
      ElementLocations locations = new ElementLocations();
      if (xml) {
        XmlScanner.Scan scan = scanner.scan(path, bytes);
        if (!scan.passed()) {
          findings.addAll(scan.findings());
          return findings;
        }
        locations = scan.locations();
      }
      CheckedFile checked = new CheckedFile(path, engineName, bytes, decoded.text(), locations);
      findings.addAll(checker.check(checked));
      shipped.add(new ReleaseModels.Shipped(artifact.artifact(), checked));
      return findings;
    } catch (PipelineException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // A check that breaks on some input must not hide the other files' findings, nor pass this one.
      log.warn("event=check-failed file={} reason={}", path, e.toString(), e);
      return List.of(
          new Finding(path, 0, 0, "", CHECK_FAILED, Severity.ERROR,
              "could not be checked: " + e,
              "report this to the pipeline's maintainers with the file; until then the file cannot pass"));
    }
  }

  private static List<Finding> checkRelease(ReleaseContext context, List<ReleaseModels.Shipped> shipped) {
    try {
      return new ReleaseChecks(context).check(
          context.oneDeployment() ? shipped.stream().map(ReleaseModels.Shipped::inRootDeployment).toList() : shipped);
    } catch (PipelineException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // As for one file: a check that breaks must not hide the per-file findings, nor pass the release.
      log.warn("event=check-failed file=release reason={}", e.toString(), e);
      return List.of(
          new Finding("release", 0, 0, "", CHECK_FAILED, Severity.ERROR,
              "the checks across files could not run: " + e,
              "report this to the pipeline's maintainers with the release; until then it cannot pass"));
    }
  }

  private Optional<Finding> tooLarge(String path, long size) {
    if (size <= maxFileBytes) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(path, 0, 0, "", TOO_LARGE, Severity.ERROR,
            "is " + size + " bytes; files over " + maxFileBytes + " bytes are not parsed",
            "make the file smaller (embedded images and generated content are the usual cause), or raise"
                + " the validation size limit if such a model is expected"));
  }

  private static Finding wrongExtension(String path, ArtifactType type, String resourceName) {
    return new Finding(path, 0, 0, "", EXTENSION, Severity.ERROR,
        "is declared as " + type.wireName() + " but its name '" + resourceName + "' does not end in "
            + type.extension() + "; the engine would store it without parsing or deploying it",
        "rename the file to end in " + type.extension().toLowerCase(Locale.ROOT));
  }
}
