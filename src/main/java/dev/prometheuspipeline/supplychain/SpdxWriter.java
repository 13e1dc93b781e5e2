package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Writes an {@link SbomContent} as an SPDX 2.3 JSON document: the release as the described package, its
 * model files as files, each worker and third-party package as a package, and CONTAINS and DEPENDS_ON
 * relationships for the graph. Written from records, so the keys are the spec's and nothing is built by hand.
 */
final class SpdxWriter {
  private static final String NOASSERTION = "NOASSERTION";
  private static final String DOCUMENT = "SPDXRef-DOCUMENT";
  private static final String RELEASE = "SPDXRef-Release";
  /** Documents are named under the project's own domain, with the run's UUID, as SPDX asks: unique per run. */
  private static final String NAMESPACE_BASE = "https://prometheuspipeline.dev/spdx/";

  // "\n", not the platform's separator: the same run must give the same bytes everywhere
  private static final ObjectWriter JSON = JsonMapper.builder().addModule(new Jdk8Module()).build()
      .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private SpdxWriter() {}

  /** The SPDX document; the same content gives the same bytes. */
  static String write(SbomContent content) {
    try {
      return JSON.writeValueAsString(document(content));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("SPDX generation failed for " + content.subject().releaseRef(), e);
    }
  }

  private static Document document(SbomContent content) {
    SbomSubject subject = content.subject();
    List<Package> packages = new ArrayList<>();
    List<File> files = new ArrayList<>();
    List<Relationship> relationships = new ArrayList<>();
    relationships.add(new Relationship(DOCUMENT, "DESCRIBES", RELEASE));
    packages.add(new Package(RELEASE, subject.releaseRef(), Optional.empty(), NOASSERTION, false,
        Optional.of(sourceInfo(content)), List.of(), List.of(), "APPLICATION"));
    for (FetchedArtifact artifact : content.artifacts()) {
      if (artifact.type() == ArtifactType.WORKER) {
        String id = workerId(artifact);
        packages.add(new Package(id, artifact.path(), Optional.of(artifact.artifact().sha()), NOASSERTION, false,
            Optional.empty(), List.of(new Checksum("SHA256", artifact.digest())), List.of(), "APPLICATION"));
        relationships.add(new Relationship(RELEASE, "CONTAINS", id));
        content.graph().direct().getOrDefault(artifact.path(), List.of())
            .forEach(purl -> relationships.add(new Relationship(id, "DEPENDS_ON", packageId(purl))));
      } else {
        String id = fileId(artifact);
        files.add(new File(id, "./" + artifact.path(), List.of(
            new Checksum("SHA1", sha1(artifact.content())), new Checksum("SHA256", artifact.digest())),
            List.of("TEXT"), "Commit " + artifact.artifact().sha() + ", tipo " + artifact.type().wireName()));
        relationships.add(new Relationship(RELEASE, "CONTAINS", id));
      }
    }
    for (LockedPackage pkg : content.graph().packages()) {
      packages.add(new Package(packageId(pkg.purl()), pkg.dependency().name(),
          Optional.of(pkg.dependency().version()), pkg.downloadLocation().orElse(NOASSERTION), false,
          Optional.empty(),
          pkg.hashes().stream().map(h -> new Checksum(h.algorithm().spdxName(), h.hex())).toList(),
          List.of(new ExternalRef("PACKAGE-MANAGER", "purl", pkg.purl())), "LIBRARY"));
    }
    content.graph().edges().forEach((from, tos) -> tos.forEach(to ->
        relationships.add(new Relationship(packageId(from), "DEPENDS_ON", packageId(to)))));
    String created = DateTimeFormatter.ISO_INSTANT.format(subject.created().truncatedTo(ChronoUnit.SECONDS));
    return new Document("SPDX-2.3", "CC0-1.0", DOCUMENT, "SBOM of release " + subject.releaseRef(),
        NAMESPACE_BASE + content.documentId(),
        new CreationInfo(created, List.of("Tool: " + SbomContent.TOOL)),
        packages, files, relationships);
  }

  private static String sourceInfo(SbomContent content) {
    SbomSubject subject = content.subject();
    StringBuilder info = new StringBuilder("Run ").append(subject.runId())
        .append("; artifacts from ").append(subject.artifactsRepository());
    if (!subject.workersRepository().isEmpty()) {
      info.append("; workers from ").append(subject.workersRepository());
    }
    return info.append("; commits ").append(String.join(", ", content.commits())).toString();
  }

  static String packageId(String purl) {
    return id("Package", purl);
  }

  private static String workerId(FetchedArtifact artifact) {
    return id("Worker", artifact.path());
  }

  private static String fileId(FetchedArtifact artifact) {
    return id("File", artifact.path());
  }

  // SPDX ids allow only letters, digits, '.' and '-': a readable part, and a digest of the key so that two keys
  // that read alike (@a/b, a-b) stay apart
  private static String id(String kind, String key) {
    String readable = key.replaceAll("[^A-Za-z0-9.]+", "-");
    if (readable.length() > 60) {
      readable = readable.substring(0, 60);
    }
    String digest = HexFormat.of().formatHex(digest("SHA-256", key.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
    return "SPDXRef-" + kind + "-" + readable + "-" + digest;
  }

  private static String sha1(byte[] content) {
    return HexFormat.of().formatHex(digest("SHA-1", content));
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has " + algorithm, e);
    }
  }

  // SPDX 2.3 JSON shapes; field order is the output's order

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Document(String spdxVersion, String dataLicense, @JsonProperty("SPDXID") String spdxId, String name,
                  String documentNamespace, CreationInfo creationInfo, List<Package> packages, List<File> files,
                  List<Relationship> relationships) {}

  record CreationInfo(String created, List<String> creators) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Package(@JsonProperty("SPDXID") String spdxId, String name, Optional<String> versionInfo,
                 String downloadLocation, boolean filesAnalyzed, Optional<String> sourceInfo,
                 List<Checksum> checksums, List<ExternalRef> externalRefs, String primaryPackagePurpose) {
    @JsonProperty
    String licenseConcluded() {
      return NOASSERTION;
    }

    @JsonProperty
    String licenseDeclared() {
      return NOASSERTION;
    }

    @JsonProperty
    String copyrightText() {
      return NOASSERTION;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record File(@JsonProperty("SPDXID") String spdxId, String fileName, List<Checksum> checksums,
              List<String> fileTypes, String comment) {
    @JsonProperty
    String licenseConcluded() {
      return NOASSERTION;
    }

    @JsonProperty
    String copyrightText() {
      return NOASSERTION;
    }
  }

  record Checksum(String algorithm, String checksumValue) {}

  record ExternalRef(String referenceCategory, String referenceType, String referenceLocator) {}

  record Relationship(String spdxElementId, String relationshipType, String relatedSpdxElement) {}
}
