package dev.prometheuspipeline.notes;

import static dev.prometheuspipeline.notes.Artifacts.fetched;
import static dev.prometheuspipeline.notes.Artifacts.resource;
import static dev.prometheuspipeline.notes.Artifacts.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.AssinaturasEtapa;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.SbomEtapa;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.VulnerabilidadesEtapa;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReleaseNotesTest {
  private static final String KEY = "cd".repeat(32);
  private static final String PROVENANCE = "ef".repeat(32);
  private static final String SBOM_SHA = "ab".repeat(32);

  @Test
  void writesTheSectionsInOrder() {
    assertThat(lines(ReleaseNotes.markdown(input()))).filteredOn(l -> l.startsWith("# ") || l.startsWith("## "))
        .containsExactly("# Release notes: r-42", "## Compared with", "## Changes", "## Regra de Ouro", "## SBOM",
            "## Vulnerabilities", "## Signatures and provenance");
  }

  @Test
  void namesThePreviousReleaseOnTheTarget() {
    assertThat(lines(ReleaseNotes.markdown(input()))).contains("Previous release r-41 on producao.");
  }

  @Test
  void saysWhenThereIsNoPreviousRelease() {
    NotesInput first = new NotesInput("r-1", "run-1", Optional.empty(), "nothing released yet", List.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    assertThat(lines(ReleaseNotes.markdown(first)))
        .contains("First release (nothing released yet): every artifact is new.", "No artifacts.");
  }

  @Test
  void summarisesEachArtifactThenListsItsElementChanges() {
    List<String> lines = lines(ReleaseNotes.markdown(input()));
    assertThat(lines).contains(
        "4 artifacts: 1 added, 0 removed, 2 changed, 1 unchanged.",
        "### Genesis/bpmn/order.bpmn",
        "- Added userTask Task\\_ApproveOrder \"Approve order\" in order",
        "- Removed exclusiveGateway Gateway\\_InStock \"In stock?\" in order",
        "- Changed serviceTask Task\\_ShipOrder \"Ship the order\" in order: name: \"Ship order\" → \"Ship the order\"");
    assertThat(lines).anySatisfy(l -> assertThat(l)
        .startsWith("**bpmn, changed**: 3 added, 5 removed, 1 changed · commit `a1` → `b2` · SHA-256 `"));
  }

  @Test
  void showsAWorkersCommitsAndDigests() {
    assertThat(lines(ReleaseNotes.markdown(input()))).contains("### workers/billing",
        "**worker, changed** · commit `1111111` → `2222222` · SHA-256 `" + "aa".repeat(32) + "` → `"
            + "bb".repeat(32) + "`",
        "- Note: commit 1111111 → 2222222");
  }

  @Test
  void listsUnchangedArtifactsTogetherAtTheEndOfTheChanges() {
    List<String> lines = lines(ReleaseNotes.markdown(input()));
    int unchanged = lines.indexOf("### Unchanged");
    assertThat(unchanged).isPositive();
    assertThat(lines.get(unchanged + 2)).isEqualTo("- Genesis/dmn/approval.dmn (dmn)");
    assertThat(lines).doesNotContain("### Genesis/dmn/approval.dmn");
  }

  @Test
  void writesTheGateAsATableWithARowPerReason() {
    assertThat(section(ReleaseNotes.markdown(input()), "## Regra de Ouro")).containsExactly(
        "| Verdict | Reason |",
        "| --- | --- |",
        "| aprovado | cobertura 85% \\>= 80% |",
        "| aprovado | sem vulnerabilidades altas |");
  }

  @Test
  void writesTheSbomWithItsProblems() {
    assertThat(section(ReleaseNotes.markdown(input()), "## SBOM")).containsExactly(
        "| Status | Components | Dependencies | SHA-256 |",
        "| --- | ---: | ---: | --- |",
        "| success | 12 | 40 | `" + SBOM_SHA + "` |",
        "CycloneDX: `/api/runs/run-7/sbom`",
        "SPDX: `/api/runs/run-7/sbom.spdx`",
        "Problems (the SBOM may miss components):",
        "- workers/billing: no lock file");
  }

  @Test
  void writesTheVulnerabilityCountsPerSeverity() {
    assertThat(section(ReleaseNotes.markdown(input()), "## Vulnerabilities")).containsExactly(
        "| Status | Critical | High | Moderate | Low | Suppressed |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        "| success | 0 | 1 | 2 | 0 | 1 |",
        "Report: `/api/runs/run-7/vulnerabilities`",
        "Problems: none.");
  }

  @Test
  void writesTheSigningKeyProvenanceAndEachArtifactsDigestByPath() {
    assertThat(section(ReleaseNotes.markdown(input()), "## Signatures and provenance")).containsExactly(
        "- Status: success",
        "- Signed: 5",
        "- Key id: `" + KEY + "`",
        "- Provenance SHA-256: `" + PROVENANCE + "`",
        "- Bundles: `/api/runs/run-7/attestations`",
        "| Artifact | SHA-256 |",
        "| --- | --- |",
        "| Genesis/bpmn/order.bpmn | `" + "01".repeat(32) + "` |",
        "| Genesis/html/help.html | `" + "02".repeat(32) + "` |");
  }

  @Test
  void saysWhichStagesDidNotRun() {
    NotesInput bare = new NotesInput("r-42", "run-7", Optional.of("r-41"), "producao", List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    assertThat(lines(ReleaseNotes.markdown(bare))).contains("No verdict: the gate did not run.",
        "Not produced in this run.", "Not checked in this run.", "Not signed in this run.");
  }

  @Test
  void showsTheScoredGateWithItsWaiverAndARowPerCriterion() {
    Resultado.Gate gate = new Resultado.Gate("aprovado com ressalvas", List.of("waived coverage by rita: hotfix"), 85.0,
        List.of(new Resultado.Criterion("tests", "pass", 15, "All 12 test(s) passed."),
            new Resultado.Criterion("coverage", "fail", 15, "Coverage 42.0% is below the 80% minimum.")),
        new Resultado.Waiver(List.of("coverage"), "hotfix | tests follow", "rita"));
    NotesInput input = new NotesInput("r-42", "run-7", Optional.empty(), "producao", List.of(), Optional.of(gate),
        Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    assertThat(lines(ReleaseNotes.markdown(input))).contains("**aprovado com ressalvas**, score 85.0%",
        "Waived by rita (coverage): hotfix \\| tests follow",
        "| Criterion | Status | Weight | Reason |",
        "| tests | pass | 15 | All 12 test(s) passed. |",
        "| coverage | fail | 15 | Coverage 42.0% is below the 80% minimum. |");
  }

  @Test
  void keepsNamesWithPipesAndNewlinesInsideTheirTableCell() {
    Resultado.Gate gate = new Resultado.Gate("reprovado", List.of("task \"a | b\"\nhas | no name", "ok"));
    NotesInput input = new NotesInput("r-42", "run-7", Optional.empty(), "producao", List.of(), Optional.of(gate),
        Optional.empty(), Optional.empty(), Optional.empty(), Map.of("odd|path\nname.bpmn", "01".repeat(32)));
    String markdown = ReleaseNotes.markdown(input);
    List<String> rows = lines(markdown).stream().filter(l -> l.startsWith("|")).toList();
    assertThat(rows).hasSize(7).allSatisfy(row -> assertThat(cellSeparators(row)).as(row).isEqualTo(3));
    assertThat(rows).contains("| reprovado | task \"a \\| b\" has \\| no name |",
        "| odd\\|path name.bpmn | `" + "01".repeat(32) + "` |");
  }

  @Test
  void escapesMarkupInNamesFromModels() {
    ElementChange odd = new ElementChange(Kind.ADDED, "order", "Task_1", "userTask",
        "*urgent* `rm -rf` <script>\n# not a heading", "");
    ArtifactChange change = new ArtifactChange("p.bpmn", ArtifactType.BPMN, Kind.CHANGED, "a", "b", "1", "2",
        List.of(odd), List.of());
    assertThat(lines(ReleaseNotes.markdown(withChanges(List.of(change))))).contains(
        "- Added userTask Task\\_1 \"\\*urgent\\* \\`rm -rf\\` \\<script\\> # not a heading\" in order");
  }

  @Test
  void listsAtMostFiftyElementChangesPerArtifactAndCountsTheRest() {
    List<ElementChange> many = IntStream.rangeClosed(1, 60)
        .mapToObj(i -> new ElementChange(Kind.ADDED, "order", "Task_" + i, "userTask", "", "")).toList();
    ArtifactChange change = new ArtifactChange("p.bpmn", ArtifactType.BPMN, Kind.CHANGED, "a", "b", "1", "2", many,
        List.of());
    List<String> lines = lines(ReleaseNotes.markdown(withChanges(List.of(change))));
    assertThat(lines).filteredOn(l -> l.startsWith("- Added userTask")).hasSize(50);
    assertThat(lines).contains("- Added userTask Task\\_50 in order", "- … and 10 more")
        .doesNotContain("- Added userTask Task\\_51 in order");
  }

  @Test
  void truncatesALongDocumentWithAClearLastLine() {
    List<ArtifactChange> changes = IntStream.rangeClosed(1, 400)
        .mapToObj(i -> new ArtifactChange("Genesis/bpmn/p" + i + ".bpmn", ArtifactType.BPMN, Kind.ADDED, "", "b",
            "", "0".repeat(64), List.of(), List.of()))
        .toList();
    String markdown = ReleaseNotes.markdown(withChanges(changes), 4096);
    assertThat(markdown.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    List<String> lines = lines(markdown);
    assertThat(lines.get(lines.size() - 1))
        .matches("\\*\\*Truncated\\*\\*: these notes exceed 4096 bytes; \\d+ more lines were left out\\.");
  }

  @Test
  void staysUnderTheDefaultBoundForAHugeRelease() {
    List<ArtifactChange> changes = IntStream.rangeClosed(1, 5000)
        .mapToObj(i -> new ArtifactChange("Genesis/bpmn/p" + i + ".bpmn", ArtifactType.BPMN, Kind.ADDED, "", "b",
            "", "0".repeat(64), List.of(), List.of()))
        .toList();
    String markdown = ReleaseNotes.markdown(withChanges(changes));
    assertThat(markdown.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ReleaseNotes.MAX_BYTES);
    assertThat(markdown).contains("**Truncated**");
  }

  @Test
  void writesTheSameBytesForTheSameInput() {
    Map<String, String> forwards = new LinkedHashMap<>();
    Map<String, String> backwards = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      forwards.put("Genesis/p" + i + ".bpmn", "%064d".formatted(i));
      backwards.put("Genesis/p" + (19 - i) + ".bpmn", "%064d".formatted(19 - i));
    }
    String once = ReleaseNotes.markdown(input(forwards));
    String again = ReleaseNotes.markdown(input(backwards));
    assertThat(again).isEqualTo(once);
  }

  private static NotesInput input() {
    return input(Map.of("Genesis/html/help.html", "02".repeat(32), "Genesis/bpmn/order.bpmn", "01".repeat(32)));
  }

  /** A release that changes a process, adds a page, moves a worker to a new commit and keeps a decision. */
  private static NotesInput input(Map<String, String> attestations) {
    String order = "Genesis/bpmn/order.bpmn";
    String approval = "Genesis/dmn/approval.dmn";
    List<ArtifactChange> changes = ModelChanges.between(
        List.of(fetched(ArtifactType.BPMN, order, "a1", resource("order-v1.bpmn")),
            fetched(ArtifactType.DMN, approval, "a1", resource("approval-v1.dmn")),
            worker("workers/billing", "1111111", "aa".repeat(32))),
        List.of(fetched(ArtifactType.BPMN, order, "b2", resource("order-v2.bpmn")),
            fetched(ArtifactType.DMN, approval, "a1", resource("approval-v1.dmn")),
            worker("workers/billing", "2222222", "bb".repeat(32)),
            fetched(ArtifactType.HTML, "Genesis/html/help.html", "b2", "<p>Help</p>")));
    return new NotesInput("r-42", "run-7", Optional.of("r-41"), "producao", changes,
        Optional.of(new Resultado.Gate("aprovado", List.of("cobertura 85% >= 80%", "sem vulnerabilidades altas"))),
        Optional.of(new SbomEtapa(StageStatus.SUCCESS, 12, 40, "/api/runs/run-7/sbom", "/api/runs/run-7/sbom.spdx",
            SBOM_SHA, List.of("workers/billing: no lock file"))),
        Optional.of(new VulnerabilidadesEtapa(StageStatus.SUCCESS, 0, 1, 2, 0, 1,
            "/api/runs/run-7/vulnerabilities", List.of())),
        Optional.of(new AssinaturasEtapa(StageStatus.SUCCESS, 5, KEY, PROVENANCE, "/api/runs/run-7/attestations")),
        attestations);
  }

  private static NotesInput withChanges(List<ArtifactChange> changes) {
    return new NotesInput("r-42", "run-7", Optional.of("r-41"), "producao", changes, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
  }

  private static List<String> lines(String markdown) {
    return List.of(markdown.split("\n"));
  }

  /** The non-blank lines of a section, up to the next one. */
  private static List<String> section(String markdown, String heading) {
    List<String> lines = lines(markdown);
    List<String> section = new ArrayList<>();
    for (String line : lines.subList(lines.indexOf(heading) + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (!line.isBlank()) {
        section.add(line);
      }
    }
    return section;
  }

  /** Pipes a GitHub table splits on: those not escaped by a backslash. */
  private static long cellSeparators(String row) {
    long count = 0;
    for (int i = 0; i < row.length(); i++) {
      if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
        count++;
      }
    }
    return count;
  }
}
