package dev.prometheuspipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompanionFilesTest {
  private static final String MODEL = "Genesis/bpmn/pedido.bpmn";

  @TempDir Path tmp;
  private OriginRepository origin;
  private ArtifactFetcher fetcher;

  @BeforeEach
  void createOrigin() throws Exception {
    origin = OriginRepository.init(tmp.resolve("origin"));
    fetcher = new ArtifactFetcher(new SourceProperties(origin.uri(), "", tmp.resolve("cache"), null, 0, null, null, null));
  }

  @AfterEach
  void closeOrigin() {
    origin.close();
  }

  @Test
  void readsRuleConfigurationAndTheProductsTestsFromBothTestFolders() throws Exception {
    String sha = origin.commit(Map.of(
        MODEL, "<definitions/>",
        ".prometheus/rules.json", "{\"rules\":{}}",
        ".bpmnlintrc", "{\"extends\":\"bpmnlint:recommended\"}",
        "tests/Genesis/pedido.json", "{\"testCases\":[]}",
        "Genesis/tests/decisions/frete.xml", "<testCases/>",
        "Genesis/tests/notes.txt", "not a test",
        "tests/Exodus/other.json", "{}"));

    List<CompanionFile> files = fetcher.companions(fetcher.fetch(List.of(bpmn(MODEL, sha))));

    assertThat(files).extracting(CompanionFile::kind, CompanionFile::path).containsExactly(
        tuple(CompanionFile.Kind.RULE_CONFIG, ".prometheus/rules.json"),
        tuple(CompanionFile.Kind.RULE_CONFIG, ".bpmnlintrc"),
        tuple(CompanionFile.Kind.TEST, "Genesis/tests/decisions/frete.xml"),
        tuple(CompanionFile.Kind.TEST, "tests/Genesis/pedido.json"));
    assertThat(files.get(3).text()).isEqualTo("{\"testCases\":[]}");
    assertThat(files).allSatisfy(file -> assertThat(file.commit()).startsWith(sha));
  }

  @Test
  void readsTheReleaseDocumentationOfTheProductFolderAndTheRepositoryRoot() throws Exception {
    String sha = origin.commit(Map.of(
        MODEL, "<definitions/>",
        "Genesis/README.md", "# Genesis",
        "Genesis/MIGRATION.md", "Rename Msg_Pago.",
        "CHANGELOG.md", "## 2.0.0",
        "ROLLBACK.md", "Deploy 1.x again.",
        "README.md", "the repository's own README is not the product's",
        "Exodus/README.md", "another product"));

    List<CompanionFile> files = fetcher.companions(fetcher.fetch(List.of(bpmn(MODEL, sha))));

    assertThat(files).extracting(CompanionFile::kind, CompanionFile::path).containsExactly(
        tuple(CompanionFile.Kind.DOCUMENTATION, "CHANGELOG.md"),
        tuple(CompanionFile.Kind.DOCUMENTATION, "ROLLBACK.md"),
        tuple(CompanionFile.Kind.DOCUMENTATION, "Genesis/README.md"),
        tuple(CompanionFile.Kind.DOCUMENTATION, "Genesis/MIGRATION.md"));
  }

  @Test
  void readsTheNewestOfTheCommitsTheModelsArePinnedTo() throws Exception {
    String older = origin.commit(Map.of(MODEL, "<definitions id=\"a\"/>", "tests/Genesis/t.json", "{\"v\":1}"));
    String newer = origin.commit(Map.of("Genesis/dmn/frete.dmn", "<definitions/>", "tests/Genesis/t.json", "{\"v\":2}"));

    List<FetchedArtifact> fetched = fetcher.fetch(List.of(
        bpmn(MODEL, older), new Artifact(ArtifactType.DMN, "frete.dmn", "Genesis/dmn/frete.dmn", newer)));
    List<CompanionFile> files = fetcher.companions(fetched);

    assertThat(files).singleElement().satisfies(file -> {
      assertThat(file.text()).isEqualTo("{\"v\":2}");
      assertThat(file.commit()).isEqualTo(newer);
    });
  }

  @Test
  void aReleaseWithoutTestsOrConfigurationHasNoCompanions() throws Exception {
    String sha = origin.commit(Map.of(MODEL, "<definitions/>"));

    assertThat(fetcher.companions(fetcher.fetch(List.of(bpmn(MODEL, sha))))).isEmpty();
  }

  @Test
  void aTestFileLinkedOutsideTheRepositoryIsRefusedWithItsPath() throws Exception {
    origin.commit(Map.of(MODEL, "<definitions/>"));
    String sha = origin.symlink("tests/Genesis/evil.json", "/etc/passwd");

    assertThatThrownBy(() -> fetcher.companions(fetcher.fetch(List.of(bpmn(MODEL, sha)))))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("tests/Genesis/evil.json")
        .hasMessageContaining("symbolic link");
  }

  private static Artifact bpmn(String path, String sha) {
    return new Artifact(ArtifactType.BPMN, path.substring(path.lastIndexOf('/') + 1), path, sha);
  }
}
