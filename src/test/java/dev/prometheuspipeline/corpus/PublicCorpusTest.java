package dev.prometheuspipeline.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.validate.Validator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Judges the {@link Validator} on models no one here wrote: the ~2000 BPMN, DMN and form files of the
 * Camunda 7.24 engine's own tests, the REST API's test models and the fixtures bpmn-io published with its
 * moddle packages on npm ({@link PublicCorpus}). The engine labels each model (deployed alone into a default 7.24
 * engine: accepted, or refused with its reasons); the validator, given the same file as a one-artifact
 * release, must report no error on an accepted model and, on a refused one, an error carrying the
 * engine's reason. Known disagreements are listed with their cause in
 * {@code src/test/resources/corpus/known-disagreements.tsv}; the list may shrink, never grow.
 *
 * <p>The engine's own tests run with {@code enforceHistoryTimeToLive=false}, so a default engine refuses
 * most of these models for that alone. Each model refused for it is therefore judged twice: as it is, and
 * as a copy with {@code historyTimeToLive} added ({@link PublicModel#withHistoryTimeToLive()}), so the rest
 * of the model is judged too. Accepted DMN decisions are also evaluated once: FEEL the engine deploys but
 * cannot parse breaks there, and the validator must catch it.
 *
 * <p>By default a fixed sample runs (every DMN and form, a hash-chosen tenth of the engine jar's BPMN, every
 * model of the other sources, and every listed disagreement), to keep CI short; {@code -Dcorpus=full} runs every model. Either way the tables are in
 * {@code target/public-corpus/summary.md}.
 */
class PublicCorpusTest {
  private static final int SAMPLE_EVERY = 10;
  /** The engine's code for a process or decision without historyTimeToLive. */
  private static final String HISTORY_TIME_TO_LIVE_MISSING = "ENGINE-12018";
  private static final Path SUMMARY_DIR = PublicCorpus.buildDir().resolve("public-corpus");

  private static final List<Judgement> judgements = new ArrayList<>();
  private static final KnownDisagreements known = KnownDisagreements.load();
  private static int corpusSize;

  @BeforeAll
  static void judgeTheCorpus() {
    String mode = System.getProperty("corpus", "sample").toLowerCase(Locale.ROOT);
    List<PublicModel> corpus = PublicCorpus.all();
    corpusSize = (int) corpus.stream().filter(model -> PublicCorpus.ENGINE.equals(model.source())).count();
    List<PublicModel> chosen = "full".equals(mode) ? corpus : corpus.stream().filter(PublicCorpusTest::inSample).toList();
    Validator validator = new Validator(5_000_000);
    long started = System.nanoTime();
    try (EngineLabeller engine = new EngineLabeller()) {
      for (PublicModel model : chosen) {
        EngineLabel label = engine.label(model);
        judgements.add(new Judgement(model, label, validator.validate(List.of(model.asArtifact()))));
        if (label.reasons().stream().anyMatch(reason -> reason.contains(HISTORY_TIME_TO_LIVE_MISSING))) {
          model.withHistoryTimeToLive().ifPresent(copy ->
              judgements.add(new Judgement(copy, engine.label(copy), validator.validate(List.of(copy.asArtifact())))));
        }
      }
    }
    CorpusSummary.write(SUMMARY_DIR, mode, corpusSize, judgements, Duration.ofNanos(System.nanoTime() - started));
  }

  @Test
  void theCorpusHoldsModelsTheEngineAcceptsAndModelsItRefuses() {
    assertThat(corpusSize).as("models in the engine's test jar").isGreaterThan(1900);
    assertThat(judgements).anyMatch(j -> j.label().accepted());
    assertThat(judgements).anyMatch(j -> !j.label().accepted());
  }

  @Test
  void theValidatorAgreesWithTheEngineOnEveryModelNotListedAsAKnownDisagreement() {
    List<String> undocumented = new ArrayList<>();
    for (Judgement judgement : judgements) {
      if (!judgement.agrees() && known.of(judgement.model().id()).isEmpty()) {
        undocumented.add(describe(judgement));
      }
    }

    assertThat(undocumented)
        .as("new disagreements with the engine (fix the rule; list one in %s only with its cause)",
            KnownDisagreements.RESOURCE)
        .isEmpty();
  }

  @Test
  void everyListedDisagreementStillDisagreesAsListed() {
    List<String> stale = new ArrayList<>();
    for (Judgement judgement : judgements) {
      Optional<KnownDisagreements.Known> listed = known.of(judgement.model().id());
      if (listed.isPresent() && listed.get().outcome() != judgement.outcome()) {
        stale.add(KnownDisagreements.RESOURCE + ":" + listed.get().line() + " " + judgement.model().id()
            + " is listed as " + listed.get().outcome() + " but is now " + judgement.outcome()
            + "; take it off the list (or correct its outcome and cause)");
      }
    }

    assertThat(stale).isEmpty();
  }

  @Test
  void everyListedDisagreementIsAModelOfTheCorpus() {
    List<String> paths = PublicCorpus.all().stream().map(PublicModel::path).toList();
    // Without npm on the machine its packages are not in the corpus; their listed models are not stale.
    boolean npm = NpmFixtures.unpacked(NpmFixtures.PACKAGES.get(0)).isPresent();

    assertThat(known.all().keySet())
        .filteredOn(id -> npm || !id.startsWith("npm:"))
        .allSatisfy(id -> assertThat(paths).contains(id.replace(PublicModel.WITH_TIME_TO_LIVE, "")));
  }

  @Test
  void everyOtherSourceBringsItsModels() {
    Map<String, Long> perSource = judgements.stream().filter(j -> !j.model().withTimeToLive())
        .collect(Collectors.groupingBy(j -> j.model().source(), Collectors.counting()));

    assertThat(perSource).as("models judged per source").containsKey(PublicCorpus.REST);
    assertThat(perSource.get(PublicCorpus.REST)).isGreaterThanOrEqualTo(5);
    if (NpmFixtures.unpacked(NpmFixtures.PACKAGES.get(0)).isPresent()) {
      assertThat(perSource.keySet()).containsAll(NpmFixtures.PACKAGES.stream().map(spec -> "npm:" + spec).toList());
    }
  }

  private static boolean inSample(PublicModel model) {
    return model.type() != ArtifactType.BPMN
        || !PublicCorpus.ENGINE.equals(model.source())
        || Math.floorMod(model.path().hashCode(), SAMPLE_EVERY) == 0
        || known.of(model.path()).isPresent()
        || known.of(model.path() + PublicModel.WITH_TIME_TO_LIVE).isPresent();
  }

  private static String describe(Judgement judgement) {
    return judgement.model().id() + " " + judgement.outcome()
        + "\n    engine: " + judgement.label().verdict() + " " + String.join(" | ", judgement.label().reasons())
        + "\n    validator errors: " + judgement.report().errors().stream().map(f -> f.describe()).toList();
  }
}
