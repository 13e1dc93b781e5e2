import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.validate.Finding;
import dev.prometheuspipeline.validate.Report;
import dev.prometheuspipeline.validate.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The benchmark harness: the public {@link Validator} API on a folder of models, the whole folder as one
 * release (as the VALIDATE stage and the command see it).
 *
 * <pre>
 * warm  DIR [WARMUPS] [ITERATIONS]   files per second after warm-up: each iteration's figure, mean, spread
 * cold  DIR                           one validation, as a command would run it (exit 1 on errors)
 * rules DIR                           findings per rule and severity, tab-separated
 * </pre>
 *
 * <p>Its output is what it is for, so it prints to standard output rather than a log.
 */
public final class ValidatorBench {
  private static final String SHA = "0000000000000000000000000000000000000000";
  private static final long MAX_FILE_BYTES = 5_000_000;

  private ValidatorBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ValidatorBench warm|cold|rules DIR [WARMUPS] [ITERATIONS]");
      System.exit(2);
    }
    List<FetchedArtifact> release = read(Path.of(args[1]));
    Validator validator = new Validator(MAX_FILE_BYTES);
    switch (args[0]) {
      case "warm" -> warm(validator, release, intArg(args, 2, 5), intArg(args, 3, 10));
      case "cold" -> {
        Report report = validator.validate(release);
        System.out.println(release.size() + " files: " + report.summary());
        System.exit(report.hasErrors() ? 1 : 0);
      }
      case "rules" -> rules(validator.validate(release));
      default -> {
        System.err.println("unknown mode " + args[0] + "; use warm, cold or rules");
        System.exit(2);
      }
    }
  }

  private static void warm(Validator validator, List<FetchedArtifact> release, int warmups, int iterations) {
    for (int i = 0; i < warmups; i++) {
      long started = System.nanoTime();
      validator.validate(release);
      System.out.printf(Locale.ROOT, "warm-up %d: %.1f files/s%n", i + 1, rate(release.size(), started));
    }
    double[] rates = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long started = System.nanoTime();
      validator.validate(release);
      rates[i] = rate(release.size(), started);
      System.out.printf(Locale.ROOT, "iteration %d: %.1f files/s%n", i + 1, rates[i]);
    }
    double mean = 0;
    for (double rate : rates) {
      mean += rate / iterations;
    }
    double squares = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double rate : rates) {
      squares += (rate - mean) * (rate - mean);
      min = Math.min(min, rate);
      max = Math.max(max, rate);
    }
    double stddev = iterations > 1 ? Math.sqrt(squares / (iterations - 1)) : 0;
    System.out.printf(Locale.ROOT,
        "RESULT files=%d iterations=%d mean=%.1f files/s stddev=%.1f min=%.1f max=%.1f%n",
        release.size(), iterations, mean, stddev, min, max);
  }

  private static void rules(Report report) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Finding finding : report.findings()) {
      counts.merge(finding.rule() + "\t" + finding.severity().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    counts.forEach((rule, count) -> System.out.println(rule + "\t" + count));
    long withErrors = report.errors().stream().map(Finding::file).distinct().count();
    System.out.println("# files with errors: " + withErrors);
  }

  private static double rate(int files, long startedNanos) {
    return files / ((System.nanoTime() - startedNanos) / 1e9);
  }

  private static List<FetchedArtifact> read(Path dir) throws IOException {
    List<FetchedArtifact> release = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String path = dir.relativize(file).toString().replace('\\', '/');
        Optional<ArtifactType> type = ArtifactType.ofFileName(path);
        if (type.isEmpty()) {
          continue;
        }
        byte[] content = Files.readAllBytes(file);
        release.add(new FetchedArtifact(
            new Artifact(type.get(), file.getFileName().toString(), path, SHA), sha256(content), content.length, content));
      }
    }
    if (release.isEmpty()) {
      throw new UncheckedIOException(new IOException("no .bpmn, .dmn, .form or .html files under " + dir));
    }
    return release;
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
