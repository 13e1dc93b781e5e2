package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.supplychain.Dependency.Ecosystem;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvAdvisoriesTest {
  @TempDir Path folder;

  @BeforeEach
  void copyAdvisories() throws IOException, URISyntaxException {
    Path fixtures = Path.of(OsvAdvisoriesTest.class.getResource("/supplychain/osv").toURI());
    try (Stream<Path> files = Files.walk(fixtures)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = folder.resolve(fixtures.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }

  @Test
  void matchesNpmVersionInsideSemverRangeOnly() {
    OsvAdvisories osv = OsvAdvisories.load(folder);

    assertThat(ids(osv, npm("lodash", "4.17.20"))).containsExactly("GHSA-35jh-r3h4-6jhm");
    assertThat(ids(osv, npm("lodash", "4.17.21"))).isEmpty();
  }

  @Test
  void ordersMavenVersionsAsMavenDoes() {
    OsvAdvisories osv = OsvAdvisories.load(folder);

    assertThat(ids(osv, log4j("2.14.1"))).containsExactly("GHSA-jfh8-c2jp-5v3q");
    assertThat(ids(osv, log4j("2.0-rc1"))).as("2.0-beta9 < 2.0-rc1 < 2.3.1").containsExactly("GHSA-jfh8-c2jp-5v3q");
    assertThat(ids(osv, log4j("2.15.0"))).isEmpty();
    assertThat(ids(osv, log4j("2.3.1"))).isEmpty();
    assertThat(ids(osv, log4j("2.12.2"))).isEmpty();
  }

  @Test
  void matchesListedVersionsExactly() {
    OsvAdvisories osv = OsvAdvisories.load(folder);

    assertThat(ids(osv, npm("event-stream", "3.3.6"))).containsExactly("GHSA-mh6f-8j2x-4483");
    assertThat(ids(osv, npm("event-stream", "3.3.5"))).isEmpty();
  }

  @Test
  void leavesWithdrawnAdvisoriesOut() {
    OsvAdvisories osv = OsvAdvisories.load(folder);

    assertThat(osv.size()).isEqualTo(4);
    assertThat(ids(osv, npm("lodash", "4.17.20"))).doesNotContain("GHSA-0000-wdrn-0001");
    assertThat(osv.problems()).isEmpty();
  }

  @Test
  void ratesSeverityFromTheCvssV3VectorWhenNothingElseSays() {
    Advisory minimist = only(OsvAdvisories.load(folder), npm("minimist", "1.2.5"));

    assertThat(minimist.cvssScore()).hasValue(9.8);
    assertThat(minimist.severity()).isEqualTo(VulnerabilitySeverity.CRITICAL);
  }

  @Test
  void prefersTheComputedScoreOverTheDatabaseWord() {
    Advisory lodash = only(OsvAdvisories.load(folder), npm("lodash", "4.17.20"));

    assertThat(lodash.cvssScore()).hasValue(7.2);
    assertThat(lodash.severity()).isEqualTo(VulnerabilitySeverity.HIGH);
    assertThat(lodash.aliases()).containsExactly("CVE-2021-23337");
  }

  @Test
  void takesTheDatabaseSeverityWhenThereIsNoVector() {
    Advisory eventStream = only(OsvAdvisories.load(folder), npm("event-stream", "3.3.6"));

    assertThat(eventStream.cvssScore()).isEmpty();
    assertThat(eventStream.severity()).isEqualTo(VulnerabilitySeverity.CRITICAL);
  }

  @Test
  void namesAMalformedFileAndKeepsTheOthers() throws IOException {
    Files.writeString(folder.resolve("npm/broken.json"), "{\"id\": \"GHSA-x\", \"affected\": [ {\"package\": ");

    OsvAdvisories osv = OsvAdvisories.load(folder);

    assertThat(osv.problems()).singleElement().asString()
        .startsWith("npm/broken.json: not an OSV advisory").contains("line 1");
    assertThat(osv.size()).isEqualTo(4);
  }

  @Test
  void refusesAnAdvisoryWithoutIdOrWithAnUnorderableVersion() throws IOException {
    Files.writeString(folder.resolve("no-id.json"), "{\"summary\": \"nothing\"}");
    Files.writeString(folder.resolve("bad-event.json"), """
        {"id": "GHSA-bad0-0000-0000", "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"},
          "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "one.two"}]}]}]}
        """);

    OsvAdvisories osv = OsvAdvisories.load(folder);

    assertThat(osv.problems()).containsExactly(
        "bad-event.json (GHSA-bad0-0000-0000): refused, affected[0].ranges[0].events[1] version \"one.two\""
            + " is not a semver version",
        "no-id.json: refused, it has no \"id\"; every OSV advisory needs one");
  }

  @Test
  void refusesAFileOverTenMegabytesUnread() throws IOException {
    try (RandomAccessFile huge = new RandomAccessFile(folder.resolve("huge.json").toFile(), "rw")) {
      huge.setLength(OsvAdvisories.MAX_FILE_BYTES + 1);
    }

    OsvAdvisories osv = OsvAdvisories.load(folder);

    assertThat(osv.problems()).singleElement().asString()
        .startsWith("huge.json: refused, 10485761 bytes is over the 10485760-byte limit");
  }

  @Test
  void saysSoWhenTheFolderIsMissing() {
    OsvAdvisories osv = OsvAdvisories.load(folder.resolve("nowhere"));

    AdvisoryAnswer answer = osv.advisories(List.of(npm("lodash", "4.17.20")));

    assertThat(answer.affected()).isEmpty();
    assertThat(answer.problems()).singleElement().asString().contains("does not exist")
        .contains("vulnerabilities it would list are unknown");
  }

  static Dependency npm(String name, String version) {
    return new Dependency(Ecosystem.NPM, name, version, "pkg:npm/" + name + "@" + version);
  }

  static Dependency log4j(String version) {
    return new Dependency(Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", version,
        "pkg:maven/org.apache.logging.log4j/log4j-core@" + version);
  }

  private static List<String> ids(OsvAdvisories osv, Dependency dependency) {
    return osv.advisories(List.of(dependency)).affected().stream().map(found -> found.advisory().id()).toList();
  }

  private static Advisory only(OsvAdvisories osv, Dependency dependency) {
    List<AffectedDependency> affected = osv.advisories(List.of(dependency)).affected();
    assertThat(affected).hasSize(1);
    return affected.get(0).advisory();
  }
}
