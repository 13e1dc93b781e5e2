package dev.prometheuspipeline.supplychain;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/** Writes an {@link SbomContent} as CycloneDX 1.6 JSON with cyclonedx-core-java's own model and generator. */
final class CycloneDxWriter {
  private CycloneDxWriter() {}

  /** The CycloneDX document; the same content gives the same bytes. */
  static String write(SbomContent content) {
    Bom bom = bom(content);
    try {
      return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
    } catch (GeneratorException e) {
      // Our own model failed to serialise: a bug here, not a fault of the release
      throw new IllegalStateException("CycloneDX generation failed for " + content.subject().releaseRef(), e);
    }
  }

  /** How many components {@link #write} lists. */
  static int componentCount(SbomContent content) {
    return content.artifacts().size() + content.graph().packages().size();
  }

  private static Bom bom(SbomContent content) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + content.documentId());
    bom.setVersion(1);
    bom.setMetadata(metadata(content));
    List<Component> components = new ArrayList<>();
    content.artifacts().forEach(artifact -> components.add(artifactComponent(artifact)));
    content.graph().packages().forEach(pkg -> components.add(packageComponent(pkg)));
    bom.setComponents(components);
    bom.setDependencies(dependencies(content));
    return bom;
  }

  private static Metadata metadata(SbomContent content) {
    SbomSubject subject = content.subject();
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(subject.created()));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName(SbomContent.TOOL);
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);

    Component release = new Component();
    release.setType(Component.Type.APPLICATION);
    release.setBomRef(content.releaseRef());
    release.setName(subject.releaseRef());
    List<Property> properties = new ArrayList<>();
    properties.add(property("artifactsRepository", subject.artifactsRepository()));
    if (!subject.workersRepository().isEmpty()) {
      properties.add(property("workersRepository", subject.workersRepository()));
    }
    properties.add(property("runId", subject.runId()));
    content.commits().forEach(commit -> properties.add(property("commit", commit)));
    release.setProperties(properties);
    metadata.setComponent(release);
    return metadata;
  }

  private static Component artifactComponent(FetchedArtifact artifact) {
    Component component = new Component();
    component.setType(artifact.type() == ArtifactType.WORKER ? Component.Type.APPLICATION : Component.Type.FILE);
    component.setBomRef(SbomContent.artifactRef(artifact));
    component.setName(artifact.path());
    component.setVersion(artifact.artifact().sha());
    component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, artifact.digest())));
    component.setProperties(List.of(
        property("tipo", artifact.type().wireName()),
        property("commit", artifact.artifact().sha())));
    return component;
  }

  private static Component packageComponent(LockedPackage pkg) {
    Component component = new Component();
    component.setType(Component.Type.LIBRARY);
    component.setBomRef(pkg.purl());
    if (!pkg.namespace().isEmpty()) {
      component.setGroup(pkg.namespace());
    }
    component.setName(pkg.simpleName());
    component.setVersion(pkg.dependency().version());
    component.setPurl(pkg.purl());
    component.setScope(switch (pkg.scope()) {
      case REQUIRED -> Component.Scope.REQUIRED;
      case OPTIONAL -> Component.Scope.OPTIONAL;
      case DEVELOPMENT -> Component.Scope.EXCLUDED;
    });
    if (!pkg.hashes().isEmpty()) {
      component.setHashes(pkg.hashes().stream()
          .map(h -> new Hash(h.algorithm().cyclonedxName(), h.hex()))
          .toList());
    }
    pkg.downloadLocation().ifPresent(url -> {
      ExternalReference distribution = new ExternalReference();
      distribution.setType(ExternalReference.Type.DISTRIBUTION);
      distribution.setUrl(url);
      component.setExternalReferences(List.of(distribution));
    });
    return component;
  }

  // The graph: release → its artifacts, worker → its direct packages, package → the packages it needs
  private static List<org.cyclonedx.model.Dependency> dependencies(SbomContent content) {
    List<org.cyclonedx.model.Dependency> dependencies = new ArrayList<>();
    org.cyclonedx.model.Dependency release = new org.cyclonedx.model.Dependency(content.releaseRef());
    content.artifacts().forEach(a -> release.addDependency(new org.cyclonedx.model.Dependency(
        SbomContent.artifactRef(a))));
    dependencies.add(release);
    Map<String, List<String>> direct = content.graph().direct();
    for (FetchedArtifact artifact : content.artifacts()) {
      if (artifact.type() == ArtifactType.WORKER && !direct.containsKey(artifact.path())) {
        continue; // no lock file read: its dependencies are unknown, which is not the same as none
      }
      org.cyclonedx.model.Dependency node = new org.cyclonedx.model.Dependency(SbomContent.artifactRef(artifact));
      direct.getOrDefault(artifact.path(), List.of())
          .forEach(purl -> node.addDependency(new org.cyclonedx.model.Dependency(purl)));
      dependencies.add(node);
    }
    content.graph().edges().forEach((from, tos) -> {
      org.cyclonedx.model.Dependency node = new org.cyclonedx.model.Dependency(from);
      tos.forEach(to -> node.addDependency(new org.cyclonedx.model.Dependency(to)));
      dependencies.add(node);
    });
    return dependencies;
  }

  private static Property property(String name, String value) {
    return new Property(SbomContent.PROPERTY_PREFIX + name, value);
  }
}
