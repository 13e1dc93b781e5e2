package dev.prometheuspipeline.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The documentation facts of the Regra de Ouro, read from the files fetched with the release. */
class ReleaseChecklistTest {
  private static final String SHA = "a".repeat(40);

  private static CompanionFile doc(String path, String text) {
    return new CompanionFile(CompanionFile.Kind.DOCUMENTATION, path, SHA, text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<CompanionFile> documented() {
    return new ArrayList<>(List.of(
        doc("Genesis/README.md", "# Genesis\n\nOrders."),
        doc("CHANGELOG.md", "# Changelog\n\n## 2.1.0 - 2026-12-07\n\n- New order flow.\n\n## 2.0.0\n"),
        doc("Genesis/ROLLBACK.md", "Deploy 2.0.0 again."),
        new CompanionFile(CompanionFile.Kind.TEST, "tests/Genesis/pedido.json", SHA, "{}".getBytes())));
  }

  @Test
  void aDocumentedReleasePassesEveryFact() {
    ReleaseChecklist checklist = ReleaseChecklist.of(Set.of("Genesis"), documented(), "2.1.0");

    assertThat(checklist).isEqualTo(new ReleaseChecklist(true, true, false, true,
        "every product folder has a README.md"));
    assertThat(checklist.variables()).containsEntry("readmePresent", true).containsEntry("changelogEntry", true)
        .containsEntry("migrationGuidePresent", false).containsEntry("rollbackPlanPresent", true);
  }

  @Test
  void namesEveryProductFolderWithoutReadme() {
    ReleaseChecklist checklist = ReleaseChecklist.of(Set.of("Genesis", "Prometheus"), documented(), "2.1.0");

    assertThat(checklist.readmePresent()).isFalse();
    assertThat(checklist.summary()).isEqualTo("missing Prometheus/README.md");
  }

  @Test
  void anEmptyReadmeOrRollbackPlanDoesNotCount() {
    List<CompanionFile> files = documented();
    files.set(0, doc("Genesis/README.md", "  \n"));
    files.set(2, doc("ROLLBACK.md", ""));

    ReleaseChecklist checklist = ReleaseChecklist.of(Set.of("Genesis"), files, "2.1.0");

    assertThat(checklist.readmePresent()).isFalse();
    assertThat(checklist.rollbackPlanPresent()).isFalse();
  }

  @Test
  void theChangelogMustNameTheReleaseInAHeading() {
    assertThat(ReleaseChecklist.namesRelease("## 2.1.0 - 2026-12-07", "2.1.0")).isTrue();
    assertThat(ReleaseChecklist.namesRelease("## [v2.1.0] Orders", "2.1.0")).isTrue();
    assertThat(ReleaseChecklist.namesRelease("# Release r-42", "r-42")).isTrue();
    // in the text but not in a heading, a longer version, another version
    assertThat(ReleaseChecklist.namesRelease("Fixed in 2.1.0.", "2.1.0")).isFalse();
    assertThat(ReleaseChecklist.namesRelease("## 2.1.0.1", "2.1.0")).isFalse();
    assertThat(ReleaseChecklist.namesRelease("## 12.1.0", "2.1.0")).isFalse();
    assertThat(ReleaseChecklist.namesRelease("## 2.1.0-rc1", "2.1.0")).isFalse();
  }

  @Test
  void aProductChangelogOrMigrationGuideCountsAsWellAsTheRootOnes() {
    List<CompanionFile> files = List.of(doc("Genesis/README.md", "x"), doc("Genesis/CHANGELOG.md", "## 3.0.0"),
        doc("Genesis/MIGRATION.md", "Rename the message."), doc("ROLLBACK.md", "Redeploy 2.x."));

    assertThat(ReleaseChecklist.of(Set.of("Genesis"), files, "3.0.0"))
        .isEqualTo(new ReleaseChecklist(true, true, true, true, "every product folder has a README.md"));
    assertThat(ReleaseChecklist.of(Set.of("Genesis"), files, "3.0.1").changelogEntry()).isFalse();
  }

  @Test
  void aWorkerOnlyReleaseHasNothingToCheckAndSaysSo() {
    List<Artifact> workers = List.of(new Artifact(ArtifactType.WORKER, "classificar", "classificar", SHA));

    ReleaseChecklist checklist = ReleaseChecklist.of(workers, documented(), "2.1.0");

    assertThat(checklist.readmePresent()).isNull();
    assertThat(checklist.changelogEntry()).isNull();
    assertThat(checklist.rollbackPlanPresent()).isNull();
    assertThat(checklist.variables()).containsEntry("readmePresent", null);
  }
}
