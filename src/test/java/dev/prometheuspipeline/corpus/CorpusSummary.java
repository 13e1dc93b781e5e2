package dev.prometheuspipeline.corpus;

import dev.prometheuspipeline.validate.Finding;
import dev.prometheuspipeline.validate.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes what the corpus run found for people: {@code summary.md} (the tables) and {@code judgements.tsv}
 * (one line per model), under {@code target/public-corpus/}.
 */
final class CorpusSummary {
  /**
   * Names the engine's own tests give models they deploy and then expect to fail at run time; the ones the
   * engine accepts are the candidates for "engine-accepted mistakes".
   */
  private static final Pattern SUSPICIOUS_NAME =
      Pattern.compile("(?i).*(invalid|wrong|broken|unknown|nonexist|notexist|missing|illegal|unparsable|malformed).*");

  private CorpusSummary() {}

  static void write(Path dir, String mode, int corpusSize, List<Judgement> judgements, Duration took) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("summary.md"), summary(mode, corpusSize, judgements, took), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("judgements.tsv"), tsv(judgements), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String summary(String mode, int corpusSize, List<Judgement> judgements, Duration took) {
    StringBuilder out = new StringBuilder("# Public corpus: Camunda 7.24 engine vs Validator\n\n");
    long copied = judgements.stream().filter(j -> j.model().withTimeToLive()).count();
    out.append(String.format(Locale.ROOT,
        "Mode `%s`: %d models (the engine's test jar holds %d of the corpus), plus %d copies with historyTimeToLive added; %d s.%n%n",
        mode, judgements.size() - copied, corpusSize, copied, took.toSeconds()));
    out.append("| models | engine | validator agrees | disagrees | total |\n|---|---|---|---|---|\n");
    for (boolean copies : new boolean[] {false, true}) {
      for (EngineLabel.Verdict verdict : EngineLabel.Verdict.values()) {
        List<Judgement> group = judgements.stream()
            .filter(j -> j.model().withTimeToLive() == copies && j.label().verdict() == verdict).toList();
        long agree = group.stream().filter(Judgement::agrees).count();
        out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d |%n",
            copies ? "copies with historyTimeToLive added" : "as published", verdict.name().toLowerCase(Locale.ROOT),
            agree, group.size() - agree, group.size()));
      }
    }

    out.append("\n## Per source (as published)\n\n| source | models | accepted | breaks at run time | refused | disagreements |\n|---|---|---|---|---|---|\n");
    Map<String, long[]> perSource = new TreeMap<>();
    for (Judgement judgement : judgements) {
      if (!judgement.model().withTimeToLive()) {
        long[] counts = perSource.computeIfAbsent(judgement.model().source(), s -> new long[5]);
        counts[0]++;
        counts[1 + judgement.label().verdict().ordinal()]++;
        counts[4] += judgement.agrees() ? 0 : 1;
      }
    }
    perSource.forEach((source, c) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n",
        source, c[0], c[1], c[2], c[3], c[4])));

    out.append("\n## Outcomes\n\n| outcome | models |\n|---|---|\n");
    Map<Judgement.Outcome, Long> outcomes = new TreeMap<>();
    judgements.forEach(j -> outcomes.merge(j.outcome(), 1L, Long::sum));
    outcomes.forEach((outcome, count) -> out.append("| ").append(outcome).append(" | ").append(count).append(" |\n"));

    out.append("\n## Per rule (models with an ERROR of the rule)\n\n")
        .append("| rule | on accepted (disagree) | on refused or broken, carries engine reason (agree) | on refused or broken, other reason |\n")
        .append("|---|---|---|---|\n");
    Map<String, long[]> perRule = new TreeMap<>();
    for (Judgement judgement : judgements) {
      judgement.report().errors().stream().map(Finding::rule).distinct().forEach(rule -> {
        long[] counts = perRule.computeIfAbsent(rule, r -> new long[3]);
        boolean carries = judgement.report().errors().stream()
            .anyMatch(e -> e.rule().equals(rule) && judgement.label().carriedBy(e.message(), e.line()));
        counts[judgement.label().verdict() == EngineLabel.Verdict.ACCEPTED ? 0 : carries ? 1 : 2]++;
      });
    }
    perRule.forEach((rule, c) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", rule, c[0], c[1], c[2])));

    out.append("\n## Engine reasons for refusing or breaking (first reason, first 70 characters)\n\n| reason | models |\n|---|---|\n");
    Map<String, Long> reasons = new TreeMap<>();
    judgements.stream().filter(j -> j.label().verdict() != EngineLabel.Verdict.ACCEPTED)
        .forEach(j -> reasons.merge(shorten(j.label().reason(), 70), 1L, Long::sum));
    reasons.forEach((reason, count) -> out.append("| ").append(cell(reason)).append(" | ").append(count).append(" |\n"));

    out.append("\n## Disagreements\n\n| model | outcome | engine | validator errors |\n|---|---|---|---|\n");
    judgements.stream().filter(j -> !j.agrees()).forEach(j -> out.append("| ").append(j.model().id())
        .append(" | ").append(j.outcome())
        .append(" | ").append(cell(shorten(j.label().describe(), 200)))
        .append(" | ").append(cell(shorten(j.firstError(), 300))).append(" |\n"));

    out.append("\n## Broken at run time by the engine, and what the validator said\n\n")
        .append("| model | engine | caught |\n|---|---|---|\n");
    judgements.stream().filter(j -> j.label().verdict() == EngineLabel.Verdict.BREAKS_AT_RUN_TIME)
        .forEach(j -> out.append("| ").append(j.model().id()).append(" | ")
            .append(cell(shorten(j.label().reason(), 150))).append(" | ").append(j.agrees() ? "yes" : "no").append(" |\n"));

    out.append("\n## Accepted by the engine, named like a mistake (candidates for run-time failures)\n\n")
        .append("| model | validator warnings |\n|---|---|\n");
    judgements.stream()
        .filter(j -> j.label().verdict() == EngineLabel.Verdict.ACCEPTED && SUSPICIOUS_NAME.matcher(j.model().resourceName()).matches())
        .forEach(j -> out.append("| ").append(j.model().id()).append(" | ")
            .append(cell(j.report().findings().stream().filter(f -> f.severity() == Severity.WARNING)
                .map(f -> f.rule() + ": " + shorten(f.message(), 120)).findFirst().orElse("none")))
            .append(" |\n"));
    return out.toString();
  }

  private static String tsv(List<Judgement> judgements) {
    StringBuilder out = new StringBuilder("path\tengine\toutcome\terror_rules\twarnings\tengine_reason\tfirst_error\n");
    for (Judgement j : judgements) {
      out.append(j.model().id()).append('\t')
          .append(j.label().verdict().name().toLowerCase(Locale.ROOT)).append('\t')
          .append(j.outcome()).append('\t')
          .append(j.errorRules()).append('\t')
          .append(j.report().warningCount()).append('\t')
          .append(tabless(j.label().reason())).append('\t')
          .append(tabless(j.firstError())).append('\n');
    }
    return out.toString();
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String tabless(String text) {
    return text.replace('\t', ' ').replace('\n', ' ');
  }
}
