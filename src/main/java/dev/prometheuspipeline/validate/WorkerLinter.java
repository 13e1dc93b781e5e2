package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lints a checked-out JavaScript worker. A worker that uses ESLint (an {@code eslint} dependency and an
 * ESLint configuration, or a {@code lint} script that runs eslint) is linted with its own ESLint and
 * configuration, after {@code npm ci --ignore-scripts} when it has no {@code node_modules}; any other
 * worker gets {@code node --check} on each of its {@code .js}, {@code .cjs} and {@code .mjs} files.
 *
 * <p>It never passes a worker silently: when a tool is missing, fails or runs out of time, a warning
 * says the worker was not (fully) linted and why. Tools run without a shell, with a time limit (the
 * whole process tree is killed past it) and a cap on the output kept.
 */
final class WorkerLinter {
  static final RuleInfo ESLINT =
      RuleInfo.lint("worker-eslint", "worker", Severity.ERROR,
          "The worker passes its own ESLint configuration",
          "The worker's repository says which ESLint rules it keeps; a release should not ship code that breaks"
              + " them. ESLint errors are errors, its warnings warnings.",
          "fix the code as the ESLint rule named in the message asks (npx eslint . shows the same), or change"
              + " the worker's ESLint configuration");
  static final RuleInfo SYNTAX =
      RuleInfo.lint("worker-syntax", "worker", Severity.ERROR,
          "Every JavaScript file of the worker parses",
          "A file node cannot parse makes the worker fail the moment it is loaded.",
          "fix the syntax error at the reported line (node --check FILE shows it)");
  static final RuleInfo NOT_LINTED =
      RuleInfo.lint("worker-not-linted", "worker", Severity.WARNING,
          "The worker could be linted",
          "When node, npm or the worker's ESLint cannot run, the worker is not checked; that is said, never"
              + " passed over in silence.",
          "install node and npm where the pipeline runs, commit package-lock.json, and make npx eslint . work"
              + " in the worker's folder");

  static final List<RuleInfo> RULES = List.of(ESLINT, SYNTAX, NOT_LINTED);

  private static final List<String> ESLINT_CONFIGS =
      List.of("eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts",
          "eslint.config.mts", "eslint.config.cts", ".eslintrc", ".eslintrc.js", ".eslintrc.cjs",
          ".eslintrc.json", ".eslintrc.yml", ".eslintrc.yaml");
  private static final Pattern NODE_ERROR_PLACE = Pattern.compile("^(.*):(\\d+)\\s*$");
  private static final int MAX_FILES = 2_000;

  private final Duration installTimeout;
  private final Duration lintTimeout;
  private final int maxOutputBytes;
  private final String node;
  private final String npm;
  private final String npx;

  /**
   * @param installTimeout the longest {@code npm ci} may take
   * @param lintTimeout the longest ESLint, or all {@code node --check} runs together, may take
   * @param maxOutputBytes the most output kept from one tool run
   */
  WorkerLinter(Duration installTimeout, Duration lintTimeout, int maxOutputBytes) {
    this(installTimeout, lintTimeout, maxOutputBytes, "node", "npm", "npx");
  }

  /** With the tools' program names given, for machines (and tests) where they are named otherwise. */
  WorkerLinter(Duration installTimeout, Duration lintTimeout, int maxOutputBytes, String node, String npm,
      String npx) {
    this.installTimeout = positive(installTimeout, "installTimeout");
    this.lintTimeout = positive(lintTimeout, "lintTimeout");
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
    }
    this.maxOutputBytes = maxOutputBytes;
    this.node = requireNonNull(node, "node");
    this.npm = requireNonNull(npm, "npm");
    this.npx = requireNonNull(npx, "npx");
  }

  /**
   * Lints the worker in {@code directory}.
   *
   * @param directory the worker's checked-out folder; tools may write into it ({@code node_modules})
   * @param repositoryPath where that folder is in the workers repository; findings name files under it
   * @return every finding; a {@code worker-not-linted} warning when the worker could not be linted
   */
  List<Finding> lint(Path directory, String repositoryPath) {
    requireNonNull(directory, "directory");
    requireNonNull(repositoryPath, "repositoryPath");
    Path real;
    try {
      // ESLint reports real paths; /tmp may be a link.
      real = directory.toRealPath();
    } catch (IOException e) {
      return List.of(new Reporter(directory, repositoryPath).notLinted("its folder cannot be read: " + e));
    }
    return lintReal(real, new Reporter(real, repositoryPath));
  }

  private List<Finding> lintReal(Path directory, Reporter reporter) {
    Optional<JsonNode> manifest = readManifest(directory, reporter);
    List<Finding> findings = new ArrayList<>();
    if (manifest.isPresent() && usesEslint(directory, manifest.get())) {
      Optional<List<Finding>> linted = eslint(directory, reporter, findings);
      if (linted.isPresent()) {
        findings.addAll(linted.get());
        return findings;
      }
      // ESLint could not run; the syntax check still catches what would break at load time.
    }
    findings.addAll(checkSyntax(directory, reporter));
    return findings;
  }

  private Optional<JsonNode> readManifest(Path directory, Reporter reporter) {
    Path manifest = directory.resolve("package.json");
    if (!Files.isRegularFile(manifest)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readTree(manifest.toFile()));
    } catch (IOException e) {
      // npm would refuse it too; the syntax check below still runs.
      return Optional.empty();
    }
  }

  static boolean usesEslint(Path directory, JsonNode manifest) {
    boolean dependency = manifest.path("devDependencies").has("eslint") || manifest.path("dependencies").has("eslint");
    boolean config = manifest.has("eslintConfig")
        || ESLINT_CONFIGS.stream().anyMatch(name -> Files.isRegularFile(directory.resolve(name)));
    boolean lintScript = manifest.path("scripts").path("lint").asText("").contains("eslint");
    return (dependency && config) || lintScript;
  }

  /** The worker's own ESLint's findings; empty when ESLint could not run (a warning then says why). */
  private Optional<List<Finding>> eslint(Path directory, Reporter reporter, List<Finding> warnings) {
    if (!Files.isDirectory(directory.resolve("node_modules"))) {
      boolean locked = Files.isRegularFile(directory.resolve("package-lock.json"))
          || Files.isRegularFile(directory.resolve("npm-shrinkwrap.json"));
      if (!locked) {
        warnings.add(reporter.notLinted("uses ESLint but has no package-lock.json, and npm ci installs only from"
            + " one; only node --check was run"));
        return Optional.empty();
      }
      Optional<ToolRun> install = run(List.of(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"), directory,
          installTimeout, reporter, warnings, "npm ci");
      if (install.isEmpty()) {
        return Optional.empty();
      }
      if (install.get().exitCode() != 0) {
        warnings.add(reporter.notLinted("npm ci --ignore-scripts failed (exit " + install.get().exitCode()
            + "), so its ESLint could not run; only node --check was run: " + tail(install.get().output())));
        return Optional.empty();
      }
    }
    Optional<ToolRun> lint = run(List.of(npx, "--no-install", "eslint", "--format", "json", "."), directory,
        lintTimeout, reporter, warnings, "eslint");
    if (lint.isEmpty()) {
      return Optional.empty();
    }
    ToolRun run = lint.get();
    // 0: clean, 1: problems found; anything else is ESLint failing (bad configuration, crash).
    if ((run.exitCode() != 0 && run.exitCode() != 1) || run.truncated()) {
      warnings.add(reporter.notLinted(run.truncated()
          ? "ESLint printed more than " + maxOutputBytes + " bytes; its report was cut and not read"
          : "ESLint failed (exit " + run.exitCode() + "); only node --check was run: " + tail(run.output())));
      return Optional.empty();
    }
    JsonNode report;
    try {
      report = Json.MAPPER.readTree(run.stdout());
    } catch (IOException e) {
      report = null;
    }
    // npx exits 1 too when it cannot find eslint at all; only a JSON array is ESLint's report.
    if (report == null || !report.isArray()) {
      warnings.add(reporter.notLinted("ESLint did not run or gave no report (exit " + run.exitCode() + "); only"
          + " node --check was run: " + tail(run.output())));
      return Optional.empty();
    }
    return Optional.of(fromEslintJson(report, reporter));
  }

  private static List<Finding> fromEslintJson(JsonNode report, Reporter reporter) {
    List<Finding> findings = new ArrayList<>();
    for (JsonNode file : report) {
      String path = reporter.reported(Path.of(file.path("filePath").asText("")));
      for (JsonNode message : file.path("messages")) {
        int line = Math.max(0, message.path("line").asInt(0));
        int column = Math.max(0, message.path("column").asInt(0));
        String text = message.path("message").asText("").strip();
        Severity severity = message.path("severity").asInt(2) == 1 ? Severity.WARNING : Severity.ERROR;
        if (message.path("ruleId").isTextual()) {
          String rule = message.path("ruleId").asText();
          findings.add(new Finding(path, line, column, "", ESLINT.id(), severity,
              rule + ": " + (text.isEmpty() ? "reported by ESLint" : text), ESLINT.fix()));
        } else {
          // No rule: ESLint could not parse the file.
          findings.add(new Finding(path, line, column, "", SYNTAX.id(), Severity.ERROR,
              text.isEmpty() ? "ESLint cannot parse this file" : text, SYNTAX.fix()));
        }
      }
    }
    return findings;
  }

  private List<Finding> checkSyntax(Path directory, Reporter reporter) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(Files::isRegularFile)
          .filter(file -> !directory.relativize(file).toString().replace('\\', '/').matches("(.*/)?node_modules/.*"))
          .filter(file -> isJavaScript(file.getFileName().toString()))
          .sorted()
          .limit(MAX_FILES + 1L)
          .toList();
    } catch (IOException e) {
      return List.of(reporter.notLinted("its folder cannot be read: " + e.getMessage()));
    }
    List<Finding> findings = new ArrayList<>();
    if (files.size() > MAX_FILES) {
      findings.add(reporter.notLinted("has more than " + MAX_FILES + " JavaScript files; only the first "
          + MAX_FILES + " were checked"));
      files = files.subList(0, MAX_FILES);
    }
    long deadline = System.nanoTime() + lintTimeout.toNanos();
    for (Path file : files) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        findings.add(reporter.notLinted("node --check ran out of its " + lintTimeout.toSeconds()
            + " s before " + reporter.reported(file) + "; the files from there on were not checked"));
        break;
      }
      Optional<ToolRun> check = run(List.of(node, "--check", file.toString()), directory, left, reporter, findings,
          "node --check");
      if (check.isEmpty()) {
        break;
      }
      if (check.get().exitCode() != 0) {
        findings.add(fromNodeCheck(file, check.get(), reporter));
      }
    }
    return findings;
  }

  /** node prints {@code FILE:LINE}, the line, a caret under the column, a blank line, then the error. */
  private static Finding fromNodeCheck(Path file, ToolRun run, Reporter reporter) {
    List<String> lines = run.stderr().lines().toList();
    int line = 0;
    int column = 0;
    String error = "";
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      Matcher place = NODE_ERROR_PLACE.matcher(text);
      if (line == 0 && place.matches() && place.group(1).endsWith(file.getFileName().toString())) {
        line = Integer.parseInt(place.group(2));
        if (i + 2 < lines.size() && lines.get(i + 2).strip().startsWith("^")) {
          column = lines.get(i + 2).indexOf('^') + 1;
        }
      }
      if (error.isEmpty() && text.matches("^[A-Z][A-Za-z]*Error: .*")) {
        error = text.strip();
      }
    }
    if (error.isEmpty()) {
      error = "node --check failed (exit " + run.exitCode() + "): " + tail(run.output());
    }
    return new Finding(reporter.reported(file), line, column, "", SYNTAX.id(), SYNTAX.defaultSeverity(), error,
        SYNTAX.fix());
  }

  /** The run, or empty with a warning when the tool is missing or ran out of time. */
  private Optional<ToolRun> run(List<String> command, Path directory, Duration timeout, Reporter reporter,
      List<Finding> findings, String what) {
    try {
      ToolRun run = ToolRun.run(command, directory, timeout, maxOutputBytes);
      if (run.timedOut()) {
        findings.add(reporter.notLinted(what + " did not finish within " + timeout.toSeconds()
            + " s and was stopped"));
        return Optional.empty();
      }
      return Optional.of(run);
    } catch (IOException e) {
      findings.add(reporter.notLinted("'" + command.get(0) + "' cannot be run (" + e.getMessage()
          + "); is it installed and on the PATH?"));
      return Optional.empty();
    }
  }

  private static boolean isJavaScript(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".js") || lower.endsWith(".cjs") || lower.endsWith(".mjs");
  }

  private static String tail(String output) {
    String text = output.strip();
    return text.length() <= 600 ? text : "…" + text.substring(text.length() - 600);
  }

  private static Duration positive(Duration duration, String name) {
    requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
    return duration;
  }

  /** Names files as the workers repository does, and words the not-linted warning. */
  private record Reporter(Path directory, String repositoryPath) {
    String reported(Path file) {
      Path absolute = file.isAbsolute() ? file : directory.resolve(file);
      String relative = directory.toAbsolutePath().normalize().relativize(absolute.toAbsolutePath().normalize())
          .toString().replace('\\', '/');
      return repositoryPath.isEmpty() ? relative : repositoryPath + "/" + relative;
    }

    Finding notLinted(String why) {
      String file = repositoryPath.isEmpty() ? "." : repositoryPath;
      return new Finding(file, 0, 0, "", NOT_LINTED.id(), NOT_LINTED.defaultSeverity(),
          "worker was not linted: " + why, NOT_LINTED.fix());
    }
  }
}
