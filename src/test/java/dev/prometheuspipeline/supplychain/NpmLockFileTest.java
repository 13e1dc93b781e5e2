package dev.prometheuspipeline.supplychain;

import static dev.prometheuspipeline.supplychain.Releases.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written lock files for the cases a real npm run does not show: v1, nesting, broken and huge files. */
class NpmLockFileTest {
  private static final FetchedArtifact WORKER = Releases.worker("workers/notify");

  @TempDir
  Path dir;

  @Test
  void readsAVersion1TreeResolvingTheNestedCopyFirst() throws Exception {
    Files.writeString(dir.resolve("package-lock.json"), """
        {"name": "notify", "lockfileVersion": 1, "requires": true, "dependencies": {
          "a": {"version": "1.0.0", "integrity": "sha1-AAECAwQFBgcICQoLDA0ODxAREhM=",
                "requires": {"b": "^1.0.0"},
                "dependencies": {"b": {"version": "1.5.0"}}},
          "b": {"version": "2.0.0"},
          "c": {"version": "3.0.0", "dev": true, "requires": {"b": "^2.0.0"}}
        }}
        """);
    Files.writeString(dir.resolve("package.json"), """
        {"name": "notify", "dependencies": {"a": "^1.0.0", "b": "^2.0.0"}, "devDependencies": {"c": "^3.0.0"}}
        """);

    Sbom sbom = build();

    assertThat(sbom.problems()).isEmpty();
    assertThat(SbomBuilderTest.dependsOn(sbom, "pkg:npm/a@1.0.0")).containsExactly("pkg:npm/b@1.5.0");
    assertThat(SbomBuilderTest.dependsOn(sbom, "pkg:npm/c@3.0.0")).containsExactly("pkg:npm/b@2.0.0");
    assertThat(SbomBuilderTest.dependsOn(sbom, "artifact:workers/notify"))
        .containsExactly("pkg:npm/a@1.0.0", "pkg:npm/b@2.0.0", "pkg:npm/c@3.0.0");
    assertThat(SbomBuilderTest.component(sbom, "pkg:npm/a@1.0.0").orElseThrow().at("/hashes/0").toString())
        .isEqualTo("{\"alg\":\"SHA-1\",\"content\":\"000102030405060708090a0b0c0d0e0f10111213\"}");
  }

  @Test
  void resolvesVersion3DependenciesFromTheNearestNodeModules() throws Exception {
    Files.writeString(dir.resolve("package-lock.json"), """
        {"lockfileVersion": 3, "packages": {
          "": {"name": "notify", "dependencies": {"a": "1", "c": "1"}},
          "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "^1"}},
          "node_modules/a/node_modules/b": {"version": "1.2.0", "dependencies": {"d": "1"}},
          "node_modules/b": {"version": "2.0.0"},
          "node_modules/c": {"version": "1.0.0", "dependencies": {"b": "^2"}},
          "node_modules/d": {"version": "1.0.0", "optional": true}
        }}
        """);

    Sbom sbom = build();

    assertThat(sbom.problems()).isEmpty();
    assertThat(SbomBuilderTest.dependsOn(sbom, "pkg:npm/a@1.0.0")).containsExactly("pkg:npm/b@1.2.0");
    assertThat(SbomBuilderTest.dependsOn(sbom, "pkg:npm/b@1.2.0")).containsExactly("pkg:npm/d@1.0.0");
    assertThat(SbomBuilderTest.dependsOn(sbom, "pkg:npm/c@1.0.0")).containsExactly("pkg:npm/b@2.0.0");
    assertThat(SbomBuilderTest.component(sbom, "pkg:npm/d@1.0.0").orElseThrow().path("scope").asText())
        .isEqualTo("optional");
  }

  @Test
  void mergesThePackageTwoWorkersShare() throws Exception {
    FetchedArtifact other = Releases.worker("workers/billing");
    Path first = lockWithIsNumber(dir.resolve("first"));
    Path second = lockWithIsNumber(dir.resolve("second"));

    Sbom sbom = new SbomBuilder().build(SUBJECT, List.of(WORKER, other),
        List.of(Releases.source(WORKER, first), Releases.source(other, second)));

    assertThat(sbom.dependencies()).extracting(Dependency::purl).containsExactly("pkg:npm/is-number@7.0.0");
    assertThat(SbomBuilderTest.dependsOn(sbom, "artifact:workers/notify")).containsExactly("pkg:npm/is-number@7.0.0");
    assertThat(SbomBuilderTest.dependsOn(sbom, "artifact:workers/billing")).containsExactly("pkg:npm/is-number@7.0.0");
  }

  @Test
  void reportsALockFileThatIsNotJsonWithItsLineAndColumn() throws Exception {
    Files.writeString(dir.resolve("package-lock.json"), "{\n  \"lockfileVersion\": 3,\n  \"packages\": {,\n}");

    Sbom sbom = build();

    assertThat(sbom.problems()).singleElement().asString()
        .startsWith("workers/notify/package-lock.json:3:")
        .contains("not valid JSON");
    assertThat(new JsonParser().validate(sbom.cyclonedxJson().getBytes(), Version.VERSION_16)).isEmpty();
  }

  @Test
  void reportsALockFileOverFiftyMegabytes() throws Exception {
    try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("package-lock.json").toFile(), "rw")) {
      sparse.setLength(NpmLockFile.MAX_BYTES + 1);
    }

    assertThat(build().problems()).singleElement().asString().contains("is over 50 MB");
  }

  @Test
  void reportsAWorkerWithNeitherLockFileNorPom() {
    assertThat(build().problems()).containsExactly("workers/notify has no package-lock.json or pom.xml: its"
        + " dependencies are not in the SBOM; commit the lock file");
  }

  @Test
  void reportsADependencyTheLockFileDoesNotPin() throws Exception {
    Files.writeString(dir.resolve("package-lock.json"), """
        {"lockfileVersion": 3, "packages": {
          "": {"dependencies": {"a": "1"}},
          "node_modules/a": {"version": "1.0.0", "dependencies": {"gone": "1"}}
        }}
        """);

    assertThat(build().problems()).containsExactly("workers/notify/package-lock.json: node_modules/a depends on"
        + " gone, which the lock file does not pin; run npm install and commit the lock file");
  }

  @Test
  void reportsAWorkerThatWasNotCheckedOut() {
    Sbom sbom = new SbomBuilder().build(SUBJECT, List.of(WORKER), List.of());

    assertThat(sbom.problems()).singleElement().asString().startsWith("workers/notify was not checked out");
  }

  @Test
  void buildsTheSbomOfSixHundredPackages() throws Exception {
    StringBuilder lock = new StringBuilder("{\"lockfileVersion\": 3, \"packages\": {\"\": {\"dependencies\": {");
    for (int i = 0; i < 600; i++) {
      lock.append(i == 0 ? "" : ",").append("\"p").append(i).append("\": \"1\"");
    }
    lock.append("}}");
    for (int i = 0; i < 600; i++) {
      lock.append(",\"node_modules/p").append(i).append("\": {\"version\": \"1.0.").append(i)
          .append("\", \"integrity\": \"sha512-").append(java.util.Base64.getEncoder().encodeToString(new byte[64]))
          .append("\", \"dependencies\": {\"p").append((i + 1) % 600).append("\": \"1\", \"p")
          .append((i * 7) % 600).append("\": \"1\"}}");
    }
    lock.append("}}");
    Files.writeString(dir.resolve("package-lock.json"), lock);

    Sbom sbom = build();

    assertThat(sbom.problems()).isEmpty();
    assertThat(sbom.dependencies()).hasSize(600);
    assertThat(new JsonParser().validate(sbom.cyclonedxJson().getBytes(), Version.VERSION_16)).isEmpty();
    assertThat(SpdxSchema.problems(sbom.spdxJson())).isEmpty();
  }

  @Test
  void spdxSchemaRejectsADocumentWithoutItsRequiredFields() {
    assertThat(SpdxSchema.problems("{\"spdxVersion\": \"SPDX-2.3\"}")).isNotEmpty();
  }

  private Sbom build() {
    return new SbomBuilder().build(SUBJECT, List.of(WORKER), List.of(Releases.source(WORKER, dir)));
  }

  private static Path lockWithIsNumber(Path directory) throws Exception {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("package-lock.json"), """
        {"lockfileVersion": 3, "packages": {
          "": {"dependencies": {"is-number": "7.0.0"}},
          "node_modules/is-number": {"version": "7.0.0"}
        }}
        """);
    return directory;
  }
}
