package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's pom.xml read alone: properties filled in, nothing guessed. */
class MavenPomTest {
  @TempDir
  Path dir;

  @Test
  void fillsVersionsFromThePomsPropertiesAndManagement() throws Exception {
    pom("""
        <properties><lib.version>1.2.3</lib.version><both.version>${lib.version}</both.version></properties>
        <dependencyManagement><dependencies>
          <dependency><groupId>org.managed</groupId><artifactId>m</artifactId><version>4.5.6</version></dependency>
        </dependencies></dependencyManagement>
        <dependencies>
          <dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>${both.version}</version></dependency>
          <dependency><groupId>${project.groupId}</groupId><artifactId>sibling</artifactId><version>${project.version}</version></dependency>
          <dependency><groupId>org.managed</groupId><artifactId>m</artifactId></dependency>
          <dependency><groupId>org.junit</groupId><artifactId>junit</artifactId><version>5.0</version><scope>test</scope><classifier>tests</classifier></dependency>
        </dependencies>
        """);

    DependencyGraph graph = MavenPom.read(dir, "workers/billing");

    assertThat(graph.problems()).isEmpty();
    assertThat(graph.direct().get("workers/billing")).containsExactly(
        "pkg:maven/dev.example/sibling@9.9.9",
        "pkg:maven/org.example/lib@1.2.3",
        "pkg:maven/org.junit/junit@5.0?classifier=tests",
        "pkg:maven/org.managed/m@4.5.6");
    assertThat(graph.packages()).filteredOn(p -> p.simpleName().equals("junit"))
        .singleElement().extracting(LockedPackage::scope).isEqualTo(PackageScope.DEVELOPMENT);
    assertThat(graph.edges()).isEmpty();
  }

  @Test
  void reportsADependencyWhoseVersionAParentManages() throws Exception {
    pom("""
        <dependencies>
          <dependency><groupId>org.springframework</groupId><artifactId>spring-core</artifactId></dependency>
        </dependencies>
        """);

    DependencyGraph graph = MavenPom.read(dir, "workers/billing");

    assertThat(graph.packages()).isEmpty();
    assertThat(graph.problems()).singleElement().asString()
        .startsWith("workers/billing/pom.xml: org.springframework:spring-core has no version here");
  }

  @Test
  void reportsAVersionNamingAnUnknownProperty() throws Exception {
    pom("""
        <dependencies>
          <dependency><groupId>org.example</groupId><artifactId>lib</artifactId><version>${nowhere}</version></dependency>
        </dependencies>
        """);

    assertThat(MavenPom.read(dir, "workers/billing").problems()).singleElement().asString()
        .contains("org.example:lib:${nowhere} names a property the pom does not define");
  }

  @Test
  void reportsAPomThatIsNotXmlWithItsLine() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project>\n  <dependencies>\n</project>\n");

    assertThat(MavenPom.read(dir, "workers/billing").problems()).singleElement().asString()
        .startsWith("workers/billing/pom.xml:3:");
  }

  private void pom(String body) throws Exception {
    Files.writeString(dir.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.example</groupId>
          <artifactId>billing</artifactId>
          <version>9.9.9</version>
        """ + body + "</project>\n");
  }
}
