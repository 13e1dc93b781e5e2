package dev.prometheuspipeline.supplychain;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.prometheuspipeline.supplychain.Dependency.Ecosystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;

/**
 * The SBOM as the run store keeps it: its report kinds and media types, and the packages read back from the
 * stored CycloneDX document, so the vulnerability scan judges exactly what the SBOM lists.
 */
public final class SbomReports {
  /** Report kind of the CycloneDX 1.6 JSON. */
  public static final String CYCLONEDX = "sbom";
  public static final String CYCLONEDX_MEDIA_TYPE = "application/vnd.cyclonedx+json";
  /** Report kind of the SPDX 2.3 JSON. */
  public static final String SPDX = "sbom-spdx";
  public static final String SPDX_MEDIA_TYPE = "application/spdx+json";

  private SbomReports() {}

  /**
   * The third-party packages ({@code library} components with an npm or Maven purl) of a CycloneDX document
   * this application wrote.
   *
   * @throws IllegalStateException when the stored document does not parse: the store was changed by hand
   */
  public static List<Dependency> packages(String cyclonedxJson) {
    Bom bom;
    try {
      bom = new JsonParser().parse(cyclonedxJson.getBytes(StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new IllegalStateException("the stored SBOM is not CycloneDX JSON: " + e.getMessage(), e);
    }
    List<Dependency> packages = new ArrayList<>();
    for (Component component : bom.getComponents() == null ? List.<Component>of() : bom.getComponents()) {
      if (component.getType() == Component.Type.LIBRARY && component.getPurl() != null) {
        dependency(component.getPurl()).ifPresent(packages::add);
      }
    }
    return packages;
  }

  private static Optional<Dependency> dependency(String purl) {
    try {
      PackageURL parsed = new PackageURL(purl);
      String namespace = parsed.getNamespace();
      return switch (parsed.getType()) {
        case "npm" -> Optional.of(new Dependency(Ecosystem.NPM,
            namespace == null ? parsed.getName() : namespace + "/" + parsed.getName(), parsed.getVersion(), purl));
        case "maven" -> Optional.of(new Dependency(Ecosystem.MAVEN, namespace + ":" + parsed.getName(),
            parsed.getVersion(), purl));
        default -> Optional.empty();
      };
    } catch (MalformedPackageURLException e) {
      throw new IllegalStateException("the stored SBOM has a malformed purl " + purl, e);
    }
  }
}
