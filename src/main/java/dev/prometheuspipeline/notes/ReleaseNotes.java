package dev.prometheuspipeline.notes;

import static dev.prometheuspipeline.notes.MarkdownText.code;
import static dev.prometheuspipeline.notes.MarkdownText.text;

import dev.prometheuspipeline.release.AssinaturasEtapa;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.SbomEtapa;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.VulnerabilidadesEtapa;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The release notes of a run, in Markdown: what changed per artifact since the previous release on the
 * target, the Regra de Ouro's verdict, the SBOM, the vulnerabilities, the signatures and provenance.
 */
public final class ReleaseNotes {
  /** The most a document holds, in UTF-8 bytes: notes are stored and served with every run. */
  public static final int MAX_BYTES = 200 * 1024;
  /** The most element changes listed per artifact; the rest are counted. */
  public static final int MAX_ELEMENTS_PER_ARTIFACT = 50;

  private ReleaseNotes() {}

  /**
   * The notes of {@code input}, at most {@link #MAX_BYTES} bytes. The same input gives the same bytes:
   * artifacts in the order of {@code input.changes()}, attestation digests by path. Text from models and
   * runs is escaped, so no name can break a table or inject markup.
   */
  public static String markdown(NotesInput input) {
    return markdown(input, MAX_BYTES);
  }

  /**
   * As {@link #markdown(NotesInput)}, bounded by {@code maxBytes}: past it, the document ends with a
   * line saying it was truncated and how many lines were left out.
   */
  public static String markdown(NotesInput input, int maxBytes) {
    Document doc = new Document(maxBytes);
    doc.line("# Release notes: " + text(input.releaseRef()));
    doc.line("");
    doc.line("Run " + code(input.runId()) + ".");
    compared(doc, input);
    changes(doc, input.changes());
    gate(doc, input);
    sbom(doc, input);
    vulnerabilities(doc, input);
    signatures(doc, input);
    return doc.finish();
  }

  private static void compared(Document doc, NotesInput input) {
    doc.section("Compared with");
    doc.line(input.previousReleaseRef()
        .map(ref -> "Previous release " + text(ref) + " on " + text(input.comparedWith()) + ".")
        .orElse("First release (" + text(input.comparedWith()) + "): every artifact is new."));
  }

  private static void changes(Document doc, List<ArtifactChange> changes) {
    doc.section("Changes");
    if (changes.isEmpty()) {
      doc.line("No artifacts.");
      return;
    }
    doc.line(changes.size() + " artifacts: " + count(changes, Kind.ADDED) + " added, "
        + count(changes, Kind.REMOVED) + " removed, " + count(changes, Kind.CHANGED) + " changed, "
        + count(changes, Kind.UNCHANGED) + " unchanged.");
    List<ArtifactChange> unchanged = new ArrayList<>();
    for (ArtifactChange change : changes) {
      if (change.kind() == Kind.UNCHANGED && change.notes().isEmpty()) {
        unchanged.add(change);
      } else {
        artifact(doc, change);
      }
    }
    if (!unchanged.isEmpty()) {
      doc.line("");
      doc.line("### Unchanged");
      doc.line("");
      unchanged.forEach(c -> doc.line("- " + text(c.path()) + " (" + c.type().wireName() + ")"));
    }
  }

  private static void artifact(Document doc, ArtifactChange change) {
    doc.line("");
    doc.line("### " + text(change.path()));
    doc.line("");
    doc.line(summary(change));
    if (change.notes().isEmpty() && change.elements().isEmpty()) {
      return;
    }
    doc.line("");
    change.notes().forEach(note -> doc.line("- Note: " + text(note)));
    List<ElementChange> elements = change.elements();
    elements.stream().limit(MAX_ELEMENTS_PER_ARTIFACT).forEach(e -> doc.line("- " + element(e)));
    if (elements.size() > MAX_ELEMENTS_PER_ARTIFACT) {
      doc.line("- … and " + (elements.size() - MAX_ELEMENTS_PER_ARTIFACT) + " more");
    }
  }

  /** One line: type, kind, element counts, commits and digests. */
  private static String summary(ArtifactChange change) {
    StringBuilder line = new StringBuilder("**" + change.type().wireName() + ", "
        + change.kind().name().toLowerCase(Locale.ROOT) + "**");
    if (change.layoutOnly()) {
      line.append(" (layout only)");
    } else if (!change.elements().isEmpty()) {
      line.append(": ").append(change.count(Kind.ADDED)).append(" added, ").append(change.count(Kind.REMOVED))
          .append(" removed, ").append(change.count(Kind.CHANGED)).append(" changed");
    }
    line.append(" · commit ").append(transition(change.previousSha(), change.currentSha()));
    line.append(" · SHA-256 ").append(transition(change.previousDigest(), change.currentDigest()));
    return line.toString();
  }

  private static String transition(String before, String after) {
    if (before.isEmpty()) {
      return code(after);
    }
    if (after.isEmpty() || after.equals(before)) {
      return code(before);
    }
    return code(before) + " → " + code(after);
  }

  /** {@code Added userTask Task_Check "Check stock" in order: detail}. */
  private static String element(ElementChange e) {
    String kind = e.kind().name().charAt(0) + e.kind().name().substring(1).toLowerCase(Locale.ROOT);
    StringBuilder line = new StringBuilder(kind).append(' ').append(text(e.type())).append(' ').append(text(e.id()));
    if (!e.name().isEmpty()) {
      line.append(" \"").append(text(e.name())).append('"');
    }
    if (!e.scope().isEmpty() && !e.scope().equals(e.id())) {
      line.append(" in ").append(text(e.scope()));
    }
    if (!e.detail().isEmpty()) {
      line.append(": ").append(text(e.detail()));
    }
    return line.toString();
  }

  private static void gate(Document doc, NotesInput input) {
    doc.section("Regra de Ouro");
    if (input.gate().isEmpty()) {
      doc.line("No verdict: the gate did not run.");
      return;
    }
    Resultado.Gate gate = input.gate().get();
    String verdict = text(Objects.toString(gate.verdict(), ""));
    if (gate.criteria() != null) {
      scored(doc, gate, verdict);
      return;
    }
    doc.line("| Verdict | Reason |");
    doc.line("| --- | --- |");
    if (gate.reasons().isEmpty()) {
      doc.line("| " + verdict + " | (no reason given) |");
    }
    gate.reasons().forEach(reason -> doc.line("| " + verdict + " | " + text(Objects.toString(reason, "")) + " |"));
  }

  /** The checklist: the verdict and score, any waiver, then a row per criterion. */
  private static void scored(Document doc, Resultado.Gate gate, String verdict) {
    doc.line("**" + verdict + "**" + (gate.score() == null ? "" : ", score " + gate.score() + "%"));
    if (gate.waiver() != null) {
      Resultado.Waiver waiver = gate.waiver();
      doc.line("");
      doc.line("Waived by " + text(waiver.by()) + " (" + text(String.join(", ", waiver.criteria())) + "): "
          + text(waiver.reason()));
    }
    doc.line("");
    doc.line("| Criterion | Status | Weight | Reason |");
    doc.line("| --- | --- | --- | --- |");
    for (Resultado.Criterion c : gate.criteria()) {
      doc.line("| " + text(c.id()) + " | " + text(c.status()) + " | " + c.weight() + " | " + text(c.reason()) + " |");
    }
  }

  private static void sbom(Document doc, NotesInput input) {
    doc.section("SBOM");
    if (input.sbom().isEmpty()) {
      doc.line("Not produced in this run.");
      return;
    }
    SbomEtapa sbom = input.sbom().get();
    doc.line("| Status | Components | Dependencies | SHA-256 |");
    doc.line("| --- | ---: | ---: | --- |");
    doc.line("| " + status(sbom.status()) + " | " + sbom.componentes() + " | " + sbom.dependencias() + " | "
        + code(Objects.toString(sbom.sha256(), "")) + " |");
    link(doc, "CycloneDX", sbom.relatorio());
    link(doc, "SPDX", sbom.relatorioSpdx());
    problems(doc, sbom.problemas(), "Problems (the SBOM may miss components):");
  }

  private static void vulnerabilities(Document doc, NotesInput input) {
    doc.section("Vulnerabilities");
    if (input.vulnerabilities().isEmpty()) {
      doc.line("Not checked in this run.");
      return;
    }
    VulnerabilidadesEtapa v = input.vulnerabilities().get();
    doc.line("| Status | Critical | High | Moderate | Low | Suppressed |");
    doc.line("| --- | ---: | ---: | ---: | ---: | ---: |");
    doc.line("| " + status(v.status()) + " | " + v.criticas() + " | " + v.altas() + " | " + v.moderadas() + " | "
        + v.baixas() + " | " + v.suprimidas() + " |");
    link(doc, "Report", v.relatorio());
    // The stage's own rule: a zero is only a zero when every source answered.
    problems(doc, v.problemas(), "Problems (sources not asked; the counts may be low):");
  }

  private static void signatures(Document doc, NotesInput input) {
    doc.section("Signatures and provenance");
    if (input.signatures().isEmpty()) {
      doc.line("Not signed in this run.");
    } else {
      AssinaturasEtapa s = input.signatures().get();
      doc.line("- Status: " + status(s.status()));
      doc.line("- Signed: " + s.assinados());
      doc.line("- Key id: " + code(Objects.toString(s.chave(), "")));
      doc.line("- Provenance SHA-256: " + code(Objects.toString(s.provenienciaSha256(), "")));
      if (s.relatorio() != null && !s.relatorio().isEmpty()) {
        doc.line("- Bundles: " + code(s.relatorio()));
      }
    }
    if (input.attestationDigests().isEmpty()) {
      return;
    }
    doc.line("");
    doc.line("| Artifact | SHA-256 |");
    doc.line("| --- | --- |");
    new TreeMap<>(input.attestationDigests())
        .forEach((path, digest) -> doc.line("| " + text(path) + " | " + code(digest) + " |"));
  }

  private static void link(Document doc, String label, String target) {
    if (target != null && !target.isEmpty()) {
      doc.line("");
      doc.line(label + ": " + code(target));
    }
  }

  private static void problems(Document doc, List<String> problems, String heading) {
    doc.line("");
    if (problems.isEmpty()) {
      doc.line("Problems: none.");
      return;
    }
    doc.line(heading);
    doc.line("");
    problems.forEach(p -> doc.line("- " + text(Objects.toString(p, ""))));
  }

  private static String status(StageStatus status) {
    return status.wireName();
  }

  private static long count(List<ArtifactChange> changes, Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).count();
  }

  /** Lines up to a byte budget; what does not fit is counted, and the document says so at its end. */
  private static final class Document {
    private static final int RESERVE = 200;
    private final int maxBytes;
    private final StringBuilder out = new StringBuilder();
    private int bytes;
    private int omitted;

    Document(int maxBytes) {
      if (maxBytes <= RESERVE) {
        throw new IllegalArgumentException("maxBytes must exceed " + RESERVE + ": " + maxBytes);
      }
      this.maxBytes = maxBytes;
    }

    void section(String title) {
      line("");
      line("## " + title);
      line("");
    }

    void line(String line) {
      int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
      if (omitted > 0 || bytes + size > maxBytes - RESERVE) {
        omitted++;
        return;
      }
      out.append(line).append('\n');
      bytes += size;
    }

    String finish() {
      if (omitted > 0) {
        out.append("\n**Truncated**: these notes exceed ").append(maxBytes).append(" bytes; ")
            .append(omitted).append(" more lines were left out.\n");
      }
      return out.toString();
    }
  }
}
