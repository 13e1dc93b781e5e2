import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.supplychain.Attestation;
import dev.prometheuspipeline.supplychain.AttestationSet;
import dev.prometheuspipeline.supplychain.Dependency;
import dev.prometheuspipeline.supplychain.OsvAdvisories;
import dev.prometheuspipeline.supplychain.ReleaseSigning;
import dev.prometheuspipeline.supplychain.Sbom;
import dev.prometheuspipeline.supplychain.SbomBuilder;
import dev.prometheuspipeline.supplychain.SbomReports;
import dev.prometheuspipeline.supplychain.SbomSubject;
import dev.prometheuspipeline.supplychain.SignatureCheck;
import dev.prometheuspipeline.supplychain.SignatureReport;
import dev.prometheuspipeline.supplychain.SigningKey;
import dev.prometheuspipeline.supplychain.SigningKeys;
import dev.prometheuspipeline.supplychain.Suppressions;
import dev.prometheuspipeline.supplychain.VulnerabilityReport;
import dev.prometheuspipeline.supplychain.VulnerabilityScan;
import dev.prometheuspipeline.supplychain.WorkerSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.semver4j.Semver;
import targetengine.Artifacts;
import targetengine.Models;

/**
 * The supply-chain evidence stages of {@code validar} (SBOM, vulnerability scan, signing) and the signature check
 * of {@code implantar}, called as their handlers call them, on a release of 30 artifacts and one npm worker whose
 * lock file pins 500+ packages; beside them, in the same rounds, {@code npm sbom} on the same worker and
 * {@code openssl dgst -sha256 -sign} once per signed file, the order of the two sides alternating per round.
 *
 * <pre>
 * EvidenceBench OUT [ROUNDS] [WARMUPS]     defaults 10 and 2; OUT holds worker/ (made by run.sh), osv/, openssl/
 * </pre>
 *
 * <p>Every round is checked: the SBOM lists every locked package, the scan finds exactly the advisories written
 * to affect a locked version, every attestation verifies, and both baselines exit 0. A round that does less
 * work than that stops the run instead of giving a fast time.
 */
public final class EvidenceBench {
  private static final String[] PRODUCTS = {"Genesis", "Prometheus"};
  private static final int PER_TYPE = 5;
  private static final String SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
  private static final String WORKER_PATH = "workers/evidence-bench-worker";
  private static final int ADVISORIES = 2_000;
  /** One advisory in this many affects a locked version; the others name a locked package but miss it. */
  private static final int AFFECTING_EVERY = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvidenceBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]).toAbsolutePath();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path worker = out.resolve("worker");
    Path osv = out.resolve("osv");
    Map<String, TreeSet<Semver>> locked = lockedVersions(worker.resolve("package-lock.json"));
    int expectedVulnerabilities = writeAdvisories(osv, locked);

    List<FetchedArtifact> release = release(worker);
    SbomSubject subject = new SbomSubject("bench-release-1", "bench-run-1", "https://git.example/artifacts.git",
        "https://git.example/workers.git", Instant.parse("2026-12-01T00:00:00Z"));
    List<WorkerSource> workers = List.of(new WorkerSource(release.get(release.size() - 1).artifact(), worker));
    SigningKey key = SigningKeys.loadOrCreate(out.resolve("signing-key.pem"));
    ReleaseSigning signing = new ReleaseSigning(key, "https://prometheuspipeline.dev/bench/evidence");
    ReleaseSigning.Run run = new ReleaseSigning.Run(subject.runId(), subject.releaseRef(),
        subject.artifactsRepository(), subject.workersRepository(), "intent-bench", Optional.empty(),
        subject.created());
    SignatureCheck signatureCheck = new SignatureCheck(key);
    SbomBuilder builder = new SbomBuilder();
    LocalDate today = LocalDate.of(2026, 12, 1);

    // The baseline signs the very bytes ours signs: written once, untimed, from one untimed pass of ours.
    Sbom firstSbom = builder.build(subject, release, workers);
    Path signedFiles = baselineFiles(out.resolve("openssl"), release, firstSbom.cyclonedxJson(), signing.sign(run, release,
        Optional.of(firstSbom.cyclonedxJson()), firstSbom.dependencies(), Instant.parse("2026-12-01T00:00:01Z")));
    List<Path> toSign;
    try (Stream<Path> files = Files.list(signedFiles)) {
      toSign = files.filter(file -> !file.toString().endsWith(".sig")).sorted().toList();
    }
    Path keyPem = out.resolve("signing-key.pem");
    Path npmSbom = out.resolve("npm-sbom.cdx.json");

    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (String name : List.of("sbom", "vulnerabilities", "signing", "check", "total", "npm sbom", "openssl",
        "ratio sbom", "ratio signing", "npm --version", "packages read", "osv load", "match")) {
      times.put(name, new ArrayList<>());
    }
    Counts counts = null;
    int npmComponents = 0;
    System.out.printf("nproc %d; load average before: %s%n", Runtime.getRuntime().availableProcessors(),
        loadAverage());
    for (int round = 1; round <= warmups + rounds; round++) {
      List<FetchedArtifact> refetched = release(worker); // implantar fetches again; untimed, as in DeployBench
      double[] ours = null;
      double npm = 0;
      double openssl = 0;
      boolean oursFirst = round % 2 == 0;
      for (int side : oursFirst ? new int[] {0, 1} : new int[] {1, 0}) {
        if (side == 0) {
          Ours measured = ours(builder, subject, release, workers, osv, today, signing, run, signatureCheck,
              refetched, expectedVulnerabilities, locked);
          ours = measured.millis();
          counts = measured.counts();
        } else {
          long started = System.nanoTime();
          exec(worker, npmSbom, "npm", "sbom", "--package-lock-only", "--sbom-format", "cyclonedx");
          npm = (System.nanoTime() - started) / 1e6;
          started = System.nanoTime();
          for (Path file : toSign) {
            exec(signedFiles, null, "openssl", "dgst", "-sha256", "-sign", keyPem.toString(), "-out",
                file + ".sig", file.toString());
          }
          openssl = (System.nanoTime() - started) / 1e6;
        }
      }
      npmComponents = JSON.readTree(npmSbom.toFile()).path("components").size();
      if (npmComponents < 500) {
        throw new IllegalStateException("round " + round + ": npm sbom listed " + npmComponents + " components");
      }
      long started = System.nanoTime();
      exec(worker, null, "npm", "--version");
      double npmStart = (System.nanoTime() - started) / 1e6;
      double total = ours[0] + ours[1] + ours[2] + ours[3];
      boolean counted = round > warmups;
      System.out.printf(Locale.ROOT, "round %2d%s  sbom %6.1f  vulns %6.1f (read %5.1f load %6.1f match %6.1f)"
              + "  sign %6.1f  check %6.1f  total %7.1f ms"
              + " | npm sbom %6.1f  openssl x%d %6.1f ms | ratios sbom %.2f sign %.2f | %s first | load %s%n",
          round, counted ? "" : " (warm-up)", ours[0], ours[1], ours[4], ours[5], ours[6], ours[2], ours[3], total,
          npm, toSign.size(),
          openssl, ours[0] / npm, ours[2] / openssl, oursFirst ? "ours" : "baseline", loadAverage());
      if (counted) {
        times.get("sbom").add(ours[0]);
        times.get("vulnerabilities").add(ours[1]);
        times.get("signing").add(ours[2]);
        times.get("check").add(ours[3]);
        times.get("packages read").add(ours[4]);
        times.get("osv load").add(ours[5]);
        times.get("match").add(ours[6]);
        times.get("total").add(total);
        times.get("npm sbom").add(npm);
        times.get("openssl").add(openssl);
        times.get("ratio sbom").add(ours[0] / npm);
        times.get("ratio signing").add(ours[2] / openssl);
        times.get("npm --version").add(npmStart);
      }
    }

    System.out.printf(Locale.ROOT, "%n%d rounds (+%d warm-up); release: %d artifacts + 1 npm worker (%s)%n",
        rounds, warmups, release.size() - 1, WORKER_PATH);
    System.out.printf(Locale.ROOT, "counts: %d locked name@version in package-lock.json; SBOM %d components"
            + " (%d packages), CycloneDX %d bytes, SPDX %d bytes, %d problems; %d OSV advisories loaded"
            + " (%d problems), %d vulnerabilities found (%d expected); %d attestations; check %d/%d signed;"
            + " npm sbom %d components%n",
        locked.values().stream().mapToInt(TreeSet::size).sum(), counts.components(), counts.packages(),
        counts.cyclonedxBytes(), counts.spdxBytes(), counts.sbomProblems(), counts.advisories(),
        counts.osvProblems(), counts.vulnerabilities(), expectedVulnerabilities, counts.attestations(),
        counts.checked(), release.size(), npmComponents);
    System.out.printf("%-38s %9s %9s %9s%n", "stage (ms, wall clock)", "median", "min", "max");
    line("(a) SBOM build (CycloneDX + SPDX)", times.get("sbom"));
    line("(b) vulnerability scan (load + match)", times.get("vulnerabilities"));
    line("  of which packages read from the SBOM", times.get("packages read"));
    line("  of which OsvAdvisories.load (files)", times.get("osv load"));
    line("  of which VulnerabilityScan.scan", times.get("match"));
    line("(c) signing (" + counts.attestations() + " attestations)", times.get("signing"));
    line("(d) implantar signature check", times.get("check"));
    line("sum (a)+(b)+(c)+(d)", times.get("total"));
    line("baseline (a) npm sbom", times.get("npm sbom"));
    line("baseline (c) openssl dgst x" + toSign.size(), times.get("openssl"));
    line("npm --version (process start floor)", times.get("npm --version"));
    System.out.printf(Locale.ROOT, "ratio ours / baseline, median of per-round ratios: (a) SBOM %.3f (min %.3f,"
            + " max %.3f); (c) signing %.3f (min %.3f, max %.3f)%n",
        median(times.get("ratio sbom")), min(times.get("ratio sbom")), max(times.get("ratio sbom")),
        median(times.get("ratio signing")), min(times.get("ratio signing")), max(times.get("ratio signing")));
    System.out.printf("load average after: %s%n", loadAverage());
  }

  private record Counts(int components, int packages, int cyclonedxBytes, int spdxBytes, int sbomProblems,
                        int advisories, int osvProblems, int vulnerabilities, int attestations, int checked) {}

  private record Ours(double[] millis, Counts counts) {}

  /** The four stages in the handlers' order, each timed; every result checked after the clock stops. */
  private static Ours ours(SbomBuilder builder, SbomSubject subject, List<FetchedArtifact> release,
      List<WorkerSource> workers, Path osv, LocalDate today, ReleaseSigning signing, ReleaseSigning.Run run,
      SignatureCheck signatureCheck, List<FetchedArtifact> refetched, int expectedVulnerabilities,
      Map<String, TreeSet<Semver>> locked) {
    // SbomHandler
    long t0 = System.nanoTime();
    Sbom sbom = builder.build(subject, release, workers);
    // VulnerabilitiesHandler: the packages read back from the stored CycloneDX, then the offline OSV source
    long t1 = System.nanoTime();
    List<Dependency> packages = SbomReports.packages(sbom.cyclonedxJson());
    long t1Read = System.nanoTime();
    OsvAdvisories advisories = OsvAdvisories.load(osv);
    long t1Load = System.nanoTime();
    VulnerabilityReport report = new VulnerabilityScan(List.of(advisories)).scan(packages, Suppressions.none(), today);
    // SignHandler: sign, then the attestation list as the run store keeps it
    long t2 = System.nanoTime();
    ReleaseSigning.Signed signed = signing.sign(run, release, Optional.of(sbom.cyclonedxJson()), packages,
        Instant.parse("2026-12-01T00:00:01Z"));
    String attestations = AttestationSet.json(signed.attestations());
    // DeployGateHandler: the artifacts fetched again against the stored list
    long t3 = System.nanoTime();
    SignatureReport checked = signatureCheck.check(refetched, Optional.of(attestations));
    long t4 = System.nanoTime();

    int lockedCount = locked.values().stream().mapToInt(TreeSet::size).sum();
    if (sbom.hasProblems() || sbom.dependencies().size() != lockedCount || packages.size() != lockedCount) {
      throw new IllegalStateException("the SBOM lists " + sbom.dependencies().size() + " packages of " + lockedCount
          + " locked, read back " + packages.size() + "; problems: " + sbom.problems());
    }
    if (!advisories.problems().isEmpty() || advisories.size() != ADVISORIES || !report.problems().isEmpty()
        || report.found().size() != expectedVulnerabilities) {
      throw new IllegalStateException("the scan found " + report.found().size() + " of " + expectedVulnerabilities
          + " expected in " + advisories.size() + " advisories; problems: " + report.problems());
    }
    if (signed.attestations().size() != release.size() + 2 || !checked.passed()
        || checked.checks().size() != refetched.size()) {
      throw new IllegalStateException(signed.attestations().size() + " attestations; check: " + checked.summary());
    }
    double[] millis = {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6,
        (t1Read - t1) / 1e6, (t1Load - t1Read) / 1e6, (t2 - t1Load) / 1e6};
    return new Ours(millis, new Counts(sbom.components(), packages.size(), sbom.cyclonedxJson().length(),
        sbom.spdxJson().length(), sbom.problems().size(), advisories.size(), advisories.problems().size(),
        report.found().size(), signed.attestations().size(),
        (int) checked.checks().stream().filter(SignatureReport.Check::passed).count()));
  }

  /**
   * The release: per product 5 BPMN, 5 DMN, 5 forms, then the worker, fetched as the fetch stage hands it over (a
   * folder digest, no content).
   */
  private static List<FetchedArtifact> release(Path worker) throws IOException {
    List<FetchedArtifact> artifacts = new ArrayList<>();
    for (String product : PRODUCTS) {
      for (int i = 1; i <= PER_TYPE; i++) {
        String id = product + "_" + i;
        String label = product + " " + i;
        artifacts.add(Artifacts.fetched(ArtifactType.BPMN, product + "/bpmn/process-" + i + ".bpmn",
            Models.bpmn(id + "_process", label)));
        artifacts.add(Artifacts.fetched(ArtifactType.DMN, product + "/dmn/decision-" + i + ".dmn",
            Models.dmn(id + "_decision", label)));
        artifacts.add(Artifacts.fetched(ArtifactType.FORM, product + "/forms/form-" + i + ".form",
            Models.form(id + "_form", label)));
      }
    }
    artifacts.add(folderDigest(worker));
    return artifacts;
  }

  /** The worker as ArtifactFetcher digests a folder: per file in path order, path, NUL, 8-byte size, bytes. */
  private static FetchedArtifact folderDigest(Path worker) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long size = 0;
    for (String name : List.of("package-lock.json", "package.json")) {
      byte[] bytes = Files.readAllBytes(worker.resolve(name));
      sha256.update(name.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
      sha256.update(bytes);
      size += bytes.length;
    }
    String digest = java.util.HexFormat.of().formatHex(sha256.digest());
    return new FetchedArtifact(new Artifact(ArtifactType.WORKER, "evidence-bench-worker", WORKER_PATH, SHA),
        digest, size, new byte[0]);
  }

  /** Every name@version the lock file installs, by name, in npm's version order. */
  private static Map<String, TreeSet<Semver>> lockedVersions(Path lockFile) throws IOException {
    Map<String, TreeSet<Semver>> locked = new TreeMap<>();
    JsonNode packages = JSON.readTree(lockFile.toFile()).path("packages");
    packages.properties().forEach(entry -> {
      String key = entry.getKey();
      if (key.isEmpty() || entry.getValue().path("link").asBoolean(false)) {
        return;
      }
      String name = key.substring(key.lastIndexOf("node_modules/") + "node_modules/".length());
      locked.computeIfAbsent(name, n -> new TreeSet<>()).add(Semver.parse(entry.getValue().path("version").asText()));
    });
    return locked;
  }

  /**
   * Writes {@link #ADVISORIES} OSV 1.7 files over the locked names, cycling through them, unless the folder already
   * holds this lock file's set; returns how many (advisory, locked package) pairs they affect. One in
   * {@link #AFFECTING_EVERY} affects exactly one locked version (an ECOSYSTEM range from it to its next patch); the
   * others miss every locked version of the name: a range above the highest, a range fixed at the lowest, or a
   * list of versions none of which is locked.
   */
  private static int writeAdvisories(Path osv, Map<String, TreeSet<Semver>> locked) throws IOException {
    List<String> names = new ArrayList<>(locked.keySet());
    List<ObjectNode> documents = new ArrayList<>();
    int affecting = 0;
    for (int i = 0; i < ADVISORIES; i++) {
      String name = names.get(i % names.size());
      TreeSet<Semver> versions = locked.get(name);
      String id = String.format(Locale.ROOT, "BENCH-%04d", i);
      ObjectNode doc = JSON.createObjectNode();
      doc.put("schema_version", "1.7.0");
      doc.put("id", id);
      doc.put("modified", "2026-11-01T00:00:00Z");
      doc.put("published", "2026-10-01T00:00:00Z");
      doc.putArray("aliases").add(String.format(Locale.ROOT, "CVE-2026-%05d", 10_000 + i));
      doc.put("summary", "Synthetic advisory " + i + " for " + name);
      doc.put("details", "Written by bench/evidence for the benchmark; not a real vulnerability.");
      ObjectNode affected = doc.putArray("affected").addObject();
      ObjectNode pkg = affected.putObject("package");
      pkg.put("ecosystem", "npm");
      pkg.put("name", name);
      pkg.put("purl", "pkg:npm/" + name.replace("@", "%40"));
      ArrayNode events = JSON.createArrayNode();
      if (i % AFFECTING_EVERY == 0) {
        Semver hit = List.copyOf(versions).get(i / names.size() % versions.size());
        Semver fixed = hit.withClearedPreReleaseAndBuild().nextPatch();
        events.addObject().put("introduced", hit.getVersion());
        events.addObject().put("fixed", fixed.getVersion());
        // Counted over every locked version of the name, not assumed to be one.
        affecting += (int) versions.stream()
            .filter(v -> v.compareTo(hit) >= 0 && v.compareTo(fixed) < 0).count();
      } else if (i % 3 == 0) {
        Semver above = versions.last().nextMajor();
        events.addObject().put("introduced", above.getVersion());
        events.addObject().put("fixed", above.nextMinor().getVersion());
      } else if (i % 3 == 1) {
        events.addObject().put("introduced", "0");
        events.addObject().put("fixed", versions.first().getVersion());
      } else {
        affected.putArray("versions").add(versions.last().nextMajor().nextPatch().getVersion())
            .add(versions.last().nextMajor().nextMinor().getVersion());
      }
      if (!events.isEmpty()) {
        ObjectNode range = affected.putArray("ranges").addObject();
        range.put("type", i % 2 == 0 ? "SEMVER" : "ECOSYSTEM");
        range.set("events", events);
      }
      doc.putArray("severity").addObject().put("type", "CVSS_V3")
          .put("score", i % 4 == 0 ? "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
              : "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N");
      doc.putArray("references").addObject().put("type", "ADVISORY")
          .put("url", "https://example.invalid/advisories/" + id);
      doc.putObject("database_specific").put("severity", i % 4 == 0 ? "CRITICAL" : "LOW");
      documents.add(doc);
    }
    StringBuilder all = new StringBuilder();
    documents.forEach(doc -> all.append(doc).append('\n'));
    String fingerprint = Artifacts.sha256(all.toString().getBytes(StandardCharsets.UTF_8));
    Path marker = osv.resolve(".fingerprint");
    if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(fingerprint)) {
      if (Files.isDirectory(osv)) {
        try (Stream<Path> old = Files.walk(osv)) {
          for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
      Files.createDirectories(osv);
      for (ObjectNode doc : documents) {
        Files.writeString(osv.resolve(doc.get("id").asText() + ".json"),
            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      }
      Files.writeString(marker, fingerprint);
      System.out.printf("wrote %d OSV advisories over %d package names into %s%n", documents.size(), names.size(), osv);
    }
    return affecting;
  }

  /**
   * The files openssl signs: the bytes each of our attestations signs (artifacts, the worker's text, the SBOM) and
   * the provenance statement, taken from our DSSE envelope's payload.
   */
  private static Path baselineFiles(Path dir, List<FetchedArtifact> release, String sbom,
      ReleaseSigning.Signed signed) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        for (Path file : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(dir);
    int index = 0;
    for (FetchedArtifact artifact : release) {
      Files.write(dir.resolve(String.format(Locale.ROOT, "%02d-%s", index++, artifact.artifact().file())),
          Attestation.signedBytes(artifact));
    }
    Files.writeString(dir.resolve(String.format(Locale.ROOT, "%02d-sbom.cdx.json", index++)), sbom);
    for (Attestation attestation : signed.attestations()) {
      JsonNode bundle = JSON.readTree(attestation.bundle());
      if (attestation.artifact().equals(AttestationSet.PROVENANCE)) {
        byte[] statement = Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText());
        Files.write(dir.resolve(String.format(Locale.ROOT, "%02d-provenance.intoto.json", index++)), statement);
      }
    }
    return dir;
  }

  private static void exec(Path directory, Path stdout, String... command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(stdout == null);
    if (stdout != null) {
      builder.redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    Process process = builder.start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    if (stdout == null) {
      process.getInputStream().transferTo(output);
    }
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + output);
    }
  }

  private static void line(String name, List<Double> values) {
    System.out.printf(Locale.ROOT, "%-38s %9.1f %9.1f %9.1f%n", name, median(values), min(values), max(values));
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
