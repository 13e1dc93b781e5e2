package dev.prometheuspipeline.source;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the files that travel with the release's models from the models mirror: the rule
 * configuration at the repository root, each product's tests and the release documentation the Regra de
 * Ouro asks for ({@link #DOCUMENTS}), at the newest commit the release pins (per product for its folder).
 */
final class CompanionReader {
  private static final Logger log = LoggerFactory.getLogger(CompanionReader.class);

  static final String RULES_FILE = ".prometheus/rules.json";
  static final String BPMNLINTRC = ".bpmnlintrc";
  /** Vulnerability suppressions: each with id, reason, owner and expiry. */
  static final String SUPPRESSIONS_FILE = ".prometheus/suppressions.yaml";
  static final String TESTS_FOLDER = "tests";
  static final int MAX_TEST_FILES = 2000;
  /** Read in each product folder; all but the README also at the repository root. */
  static final List<String> DOCUMENTS = List.of("README.md", "CHANGELOG.md", "MIGRATION.md", "ROLLBACK.md");

  private final CommittedFiles files;

  CompanionReader(CommittedFiles files) {
    this.files = files;
  }

  /** As {@link ArtifactFetcher#companions}, from {@code mirror}. */
  List<CompanionFile> read(GitMirror mirror, List<FetchedArtifact> fetched) {
    Map<String, Set<String>> shasByProduct = new TreeMap<>();
    for (FetchedArtifact artifact : fetched) {
      if (artifact.type() != ArtifactType.WORKER) {
        shasByProduct.computeIfAbsent(artifact.artifact().product(), p -> new LinkedHashSet<>())
            .add(artifact.artifact().sha().toLowerCase(Locale.ROOT));
      }
    }
    if (shasByProduct.isEmpty()) {
      return List.of();
    }
    return mirror.use((repository, freshlyCloned) -> {
      try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
        CommitResolver commits = new CommitResolver(reader, walk, mirror.remote());
        List<CompanionFile> found = new ArrayList<>();
        Map<String, RevCommit> newestByProduct = new TreeMap<>();
        RevCommit newest = null;
        for (Map.Entry<String, Set<String>> product : shasByProduct.entrySet()) {
          RevCommit productNewest = null;
          for (String sha : product.getValue()) {
            productNewest = newer(walk, productNewest, commitOrThrow(commits, sha, mirror.remote()));
          }
          newestByProduct.put(product.getKey(), productNewest);
          newest = newer(walk, newest, productNewest);
        }
        for (String config : List.of(RULES_FILE, BPMNLINTRC)) {
          readCompanion(reader, newest, config, CompanionFile.Kind.RULE_CONFIG).ifPresent(found::add);
        }
        readCompanion(reader, newest, SUPPRESSIONS_FILE, CompanionFile.Kind.SUPPRESSIONS).ifPresent(found::add);
        for (String document : DOCUMENTS.subList(1, DOCUMENTS.size())) {
          readCompanion(reader, newest, document, CompanionFile.Kind.DOCUMENTATION).ifPresent(found::add);
        }
        for (Map.Entry<String, RevCommit> product : newestByProduct.entrySet()) {
          for (String document : product.getKey().isEmpty() ? List.<String>of() : DOCUMENTS) {
            readCompanion(reader, product.getValue(), product.getKey() + "/" + document,
                CompanionFile.Kind.DOCUMENTATION).ifPresent(found::add);
          }
        }
        List<CompanionFile> tests = new ArrayList<>();
        for (Map.Entry<String, RevCommit> product : newestByProduct.entrySet()) {
          if (!product.getKey().isEmpty()) {
            tests.addAll(testsOf(reader, product.getValue(), product.getKey()));
          }
        }
        tests.sort(Comparator.comparing(CompanionFile::path));
        found.addAll(tests);
        log.debug("source action=companions commit={} files={}", newest.name(), found.size());
        return found;
      } catch (Refusal refusal) {
        throw new SourceException(refusal.getMessage());
      }
    });
  }

  /** The later of two commits: by commit time, and within the same second, the descendant. */
  private static RevCommit newer(RevWalk walk, RevCommit a, RevCommit b) throws IOException {
    if (a == null || a.equals(b)) {
      return b;
    }
    if (a.getCommitTime() != b.getCommitTime()) {
      return a.getCommitTime() > b.getCommitTime() ? a : b;
    }
    return walk.isMergedInto(a, b) ? b : a;
  }

  private static RevCommit commitOrThrow(CommitResolver commits, String sha, GitRemote remote)
      throws IOException, Refusal {
    return commits.find(sha, "")
        .orElseThrow(() -> new Refusal("commit " + sha + " not found in " + remote.label()
            + " while reading the release's tests and rule configuration; fetch the artifacts first"));
  }

  private Optional<CompanionFile> readCompanion(ObjectReader reader, RevCommit commit, String path,
      CompanionFile.Kind kind) throws IOException, Refusal {
    try (TreeWalk entry = TreeWalk.forPath(reader, path, commit.getTree())) {
      if (entry == null) {
        return Optional.empty();
      }
      String where = path + " at " + commit.name();
      CommittedFiles.refuseUnlessRegularFile(entry.getRawMode(0) & FileMode.TYPE_MASK, where, "");
      ObjectId id = entry.getObjectId(0);
      files.sizeWithinLimit(reader, id, where);
      return Optional.of(new CompanionFile(kind, path, commit.name(), files.bytes(reader, id)));
    }
  }

  private List<CompanionFile> testsOf(ObjectReader reader, RevCommit commit, String product)
      throws IOException, Refusal {
    List<String> paths = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      walk.setFilter(PathFilterGroup.createFromStrings(TESTS_FOLDER + "/" + product, product + "/" + TESTS_FOLDER));
      while (walk.next()) {
        String name = walk.getNameString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".xml")) {
          paths.add(walk.getPathString());
        }
      }
    }
    if (paths.size() > MAX_TEST_FILES) {
      throw new Refusal(product + ": " + paths.size() + " test files at " + commit.name() + ", over the limit of "
          + MAX_TEST_FILES + "; split the product or merge test files");
    }
    List<CompanionFile> tests = new ArrayList<>();
    for (String path : paths) {
      readCompanion(reader, commit, path, CompanionFile.Kind.TEST).ifPresent(tests::add);
    }
    return tests;
  }
}
