package dev.prometheuspipeline.supplychain;

import static dev.prometheuspipeline.supplychain.Releases.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SBOM of a release whose npm worker's lock file the real npm wrote, and a Maven worker beside it. */
class SbomBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path workDir;

  private static final FetchedArtifact PROCESS =
      Releases.model(ArtifactType.BPMN, "Genesis/bpmn/order.bpmn", "<definitions id=\"order\"/>");
  private static final FetchedArtifact FORM =
      Releases.model(ArtifactType.FORM, "Genesis/forms/approve.form", "{\"id\": \"approve\"}");
  private static final FetchedArtifact NOTIFY = Releases.worker("workers/notify");
  private static final FetchedArtifact BILLING = Releases.worker("workers/billing");

  private static Path notifyDir;
  private static Path billingDir;
  private static Sbom sbom;

  @BeforeAll
  static void lockAndBuild() throws Exception {
    notifyDir = NpmProject.locked(workDir.resolve("notify"), "notify",
        List.of("chalk@4.1.2", "@types/node@20.11.30"), List.of("is-number@7.0.0"));
    billingDir = Files.createDirectories(workDir.resolve("billing"));
    Files.writeString(billingDir.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.example</groupId>
          <artifactId>billing</artifactId>
          <version>1.0.0</version>
          <properties><jackson.version>2.17.1</jackson.version></properties>
          <dependencies>
            <dependency>
              <groupId>com.fasterxml.jackson.core</groupId>
              <artifactId>jackson-databind</artifactId>
              <version>${jackson.version}</version>
            </dependency>
          </dependencies>
        </project>
        """);
    sbom = build();
  }

  private static Sbom build() {
    return new SbomBuilder().build(SUBJECT, List.of(PROCESS, FORM, NOTIFY, BILLING),
        List.of(Releases.source(NOTIFY, notifyDir), Releases.source(BILLING, billingDir)));
  }

  /** The scan stage reads the packages back from the stored document: exactly those the builder listed. */
  @Test
  void thePackagesReadBackFromTheStoredSbomAreTheOnesItLists() {
    assertThat(SbomReports.packages(sbom.cyclonedxJson())).containsExactlyInAnyOrderElementsOf(sbom.dependencies())
        .extracting(Dependency::name).contains("chalk", "@types/node", "com.fasterxml.jackson.core:jackson-databind");
  }

  @Test
  void writesCycloneDxThatValidatesAgainstTheSchema() throws Exception {
    byte[] bytes = sbom.cyclonedxJson().getBytes(StandardCharsets.UTF_8);

    assertThat(new JsonParser().validate(bytes, Version.VERSION_16)).isEmpty();
    assertThat(cyclonedx().path("specVersion").asText()).isEqualTo("1.6");
  }

  @Test
  void writesSpdxThatValidatesAgainstTheSpdx23Schema() {
    assertThat(SpdxSchema.problems(sbom.spdxJson())).isEmpty();
  }

  @Test
  void readsEveryWorkerWithoutProblems() {
    assertThat(sbom.problems()).isEmpty();
  }

  @Test
  void listsEachModelAsAFileComponentWithItsSha256() throws Exception {
    JsonNode process = component("artifact:Genesis/bpmn/order.bpmn");

    assertThat(process.path("type").asText()).isEqualTo("file");
    assertThat(process.path("name").asText()).isEqualTo("Genesis/bpmn/order.bpmn");
    assertThat(process.path("version").asText()).isEqualTo(Releases.MODELS_COMMIT);
    assertThat(process.at("/hashes/0/alg").asText()).isEqualTo("SHA-256");
    assertThat(process.at("/hashes/0/content").asText()).isEqualTo(PROCESS.digest());
    assertThat(properties(process)).contains("prometheus-pipeline:tipo=bpmn",
        "prometheus-pipeline:commit=" + Releases.MODELS_COMMIT);
  }

  @Test
  void listsEachWorkerAsAnApplication() throws Exception {
    assertThat(component("artifact:workers/notify").path("type").asText()).isEqualTo("application");
  }

  @Test
  void describesTheReleaseInTheMetadata() throws Exception {
    JsonNode metadata = cyclonedx().path("metadata");

    assertThat(metadata.path("timestamp").asText()).startsWith("2026-03-01T10:15:30");
    assertThat(metadata.at("/tools/components/0/name").asText()).isEqualTo("prometheus-pipeline");
    assertThat(metadata.at("/component/name").asText()).isEqualTo("r-42");
    assertThat(metadata.at("/component/type").asText()).isEqualTo("application");
    assertThat(properties(metadata.path("component"))).contains(
        "prometheus-pipeline:runId=run-7",
        "prometheus-pipeline:artifactsRepository=https://git.example.test/artifacts.git",
        "prometheus-pipeline:workersRepository=https://git.example.test/workers.git",
        "prometheus-pipeline:commit=" + Releases.MODELS_COMMIT,
        "prometheus-pipeline:commit=" + Releases.WORKERS_COMMIT);
  }

  @Test
  void linksTheWorkerToItsDirectDependencies() throws Exception {
    assertThat(dependsOn("artifact:workers/notify"))
        .containsExactlyInAnyOrder("pkg:npm/chalk@4.1.2", "pkg:npm/%40types/node@20.11.30", "pkg:npm/is-number@7.0.0");
  }

  @Test
  void linksChalkToTheDependenciesItNeeds() throws Exception {
    List<String> chalk = dependsOn("pkg:npm/chalk@4.1.2");

    assertThat(chalk).hasSize(2);
    assertThat(chalk).anyMatch(purl -> purl.startsWith("pkg:npm/ansi-styles@4."));
    assertThat(chalk).anyMatch(purl -> purl.startsWith("pkg:npm/supports-color@7."));
    String supportsColor = chalk.stream().filter(p -> p.startsWith("pkg:npm/supports-color@")).findFirst().get();
    assertThat(dependsOn(supportsColor)).singleElement().asString().startsWith("pkg:npm/has-flag@4.");
  }

  @Test
  void writesTheScopedPackagesPurlWithItsAtSignEncoded() throws Exception {
    JsonNode types = component("pkg:npm/%40types/node@20.11.30");

    assertThat(types.path("purl").asText()).isEqualTo("pkg:npm/%40types/node@20.11.30");
    assertThat(types.path("group").asText()).isEqualTo("@types");
    assertThat(types.path("name").asText()).isEqualTo("node");
    assertThat(sbom.dependencies()).anyMatch(d -> d.name().equals("@types/node") && d.version().equals("20.11.30"));
  }

  @Test
  void turnsNpmIntegrityIntoAHexHash() throws Exception {
    JsonNode lock = JSON.readTree(notifyDir.resolve("package-lock.json").toFile());
    String integrity = lock.at("/packages/node_modules~1is-number/integrity").asText();
    String expected = HexFormat.of().formatHex(Base64.getDecoder().decode(integrity.substring("sha512-".length())));

    JsonNode isNumber = component("pkg:npm/is-number@7.0.0");

    assertThat(isNumber.at("/hashes/0/alg").asText()).isEqualTo("SHA-512");
    assertThat(isNumber.at("/hashes/0/content").asText()).isEqualTo(expected);
  }

  @Test
  void marksDevelopmentDependenciesExcluded() throws Exception {
    assertThat(component("pkg:npm/is-number@7.0.0").path("scope").asText()).isEqualTo("excluded");
    assertThat(component("pkg:npm/chalk@4.1.2").path("scope").asText()).isEqualTo("required");
  }

  @Test
  void listsThePomsDependencyWithItsPropertyVersion() throws Exception {
    JsonNode databind = component("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1");

    assertThat(databind.path("group").asText()).isEqualTo("com.fasterxml.jackson.core");
    assertThat(dependsOn("artifact:workers/billing"))
        .containsExactly("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1");
  }

  @Test
  void countsEveryComponent() throws Exception {
    assertThat(sbom.components()).isEqualTo(cyclonedx().path("components").size());
    assertThat(sbom.components()).isEqualTo(4 + sbom.dependencies().size());
  }

  @Test
  void givesTheSameBytesForTheSameRun() {
    Sbom again = build();

    assertThat(again.cyclonedxJson()).isEqualTo(sbom.cyclonedxJson());
    assertThat(again.spdxJson()).isEqualTo(sbom.spdxJson());
  }

  @Test
  void namesTheDocumentsAfterTheRun() throws Exception {
    String serial = cyclonedx().path("serialNumber").asText();
    String namespace = JSON.readTree(sbom.spdxJson()).path("documentNamespace").asText();

    assertThat(serial).startsWith("urn:uuid:");
    assertThat(namespace).endsWith(serial.substring("urn:uuid:".length()));
  }

  @Test
  void relatesSpdxPackagesAsTheGraphDoes() throws Exception {
    JsonNode spdx = JSON.readTree(sbom.spdxJson());
    String chalk = spdxIdOf(spdx, "pkg:npm/chalk@4.1.2");

    List<String> chalkNeeds = new ArrayList<>();
    spdx.path("relationships").forEach(r -> {
      if (r.path("spdxElementId").asText().equals(chalk) && r.path("relationshipType").asText().equals("DEPENDS_ON")) {
        chalkNeeds.add(r.path("relatedSpdxElement").asText());
      }
    });
    assertThat(chalkNeeds).hasSize(2);
    assertThat(spdx.path("relationships")).anyMatch(r -> r.path("relationshipType").asText().equals("DESCRIBES"));
    assertThat(spdx.path("files")).anyMatch(f -> f.path("fileName").asText().equals("./Genesis/bpmn/order.bpmn"));
  }

  private static String spdxIdOf(JsonNode spdx, String purl) {
    return StreamSupport.stream(spdx.path("packages").spliterator(), false)
        .filter(p -> p.at("/externalRefs/0/referenceLocator").asText().equals(purl))
        .map(p -> p.path("SPDXID").asText())
        .findFirst().orElseThrow();
  }

  static JsonNode cyclonedx(Sbom sbom) throws Exception {
    return JSON.readTree(sbom.cyclonedxJson());
  }

  private static JsonNode cyclonedx() throws Exception {
    return cyclonedx(sbom);
  }

  private static JsonNode component(String bomRef) throws Exception {
    return component(sbom, bomRef).orElseThrow(() -> new AssertionError("no component " + bomRef));
  }

  static Optional<JsonNode> component(Sbom sbom, String bomRef) throws Exception {
    return StreamSupport.stream(cyclonedx(sbom).path("components").spliterator(), false)
        .filter(c -> c.path("bom-ref").asText().equals(bomRef))
        .findFirst();
  }

  private static List<String> dependsOn(String ref) throws Exception {
    return dependsOn(sbom, ref);
  }

  static List<String> dependsOn(Sbom sbom, String ref) throws Exception {
    for (JsonNode dependency : cyclonedx(sbom).path("dependencies")) {
      if (dependency.path("ref").asText().equals(ref)) {
        List<String> refs = new ArrayList<>();
        dependency.path("dependsOn").forEach(d -> refs.add(d.asText()));
        return refs;
      }
    }
    throw new AssertionError("no dependency entry for " + ref);
  }

  private static List<String> properties(JsonNode component) {
    List<String> properties = new ArrayList<>();
    component.path("properties").forEach(p -> properties.add(p.path("name").asText() + "=" + p.path("value").asText()));
    return properties;
  }
}
