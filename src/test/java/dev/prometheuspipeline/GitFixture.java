package dev.prometheuspipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real Git repository of Camunda artifacts laid out as the seed's {@code _Zarah-Camunda}: product
 * folders {@code Genesis/} and {@code Prometheus/}. The application clones it by {@code file://} URI.
 */
public final class GitFixture {
  /** The sample products under {@code src/test/resources/fixtures/}. */
  public static final List<String> SAMPLE_FILES = List.of(
      "Genesis/bpmn/pedido.bpmn",
      "Genesis/dmn/desconto.dmn",
      "Genesis/forms/conferir-pedido.form",
      "Prometheus/bpmn/triagem.bpmn",
      "Prometheus/forms/chamado.html");

  /** The sample products' tests, in both places a product's tests may live; committed beside them. */
  public static final List<String> SAMPLE_TESTS = List.of(
      "tests/Genesis/pedido.json",
      "Genesis/tests/desconto.dmn-test.json",
      "tests/Prometheus/triagem.json");

  private final Path directory;
  private final Git git;

  private GitFixture(Path directory, Git git) {
    this.directory = directory;
    this.git = git;
  }

  public static GitFixture create() {
    try {
      Path directory = Files.createTempDirectory("pipeline-artifacts");
      Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
      return new GitFixture(directory, git);
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A repository whose first commit holds the sample products. */
  public static GitFixture withSampleProducts() {
    GitFixture fixture = create();
    Map<String, String> files = new java.util.LinkedHashMap<>();
    SAMPLE_FILES.forEach(path -> files.put(path, resource("fixtures/" + path)));
    SAMPLE_TESTS.forEach(path -> files.put(path, resource("fixtures/" + path)));
    fixture.commit("Sample products", files);
    return fixture;
  }

  public static String resource(String name) {
    try (InputStream in = GitFixture.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String uri() {
    return directory.toUri().toString();
  }

  /** Writes the files and commits them on the current branch; returns the commit SHA. */
  public synchronized String commit(String message, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path target = directory.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        git.add().addFilepattern(file.getKey()).call();
      }
      PersonIdent author = new PersonIdent("Ana Autora", "ana@zarah.example");
      RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author).call();
      return commit.getName();
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Commits {@code files} (top-level names only) with no parent on a branch of its own, leaving the current
   * branch and the working tree as they are; returns the commit SHA.
   */
  public synchronized String orphanCommit(String branch, String message, Map<String, String> files) {
    Repository repository = git.getRepository();
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      TreeFormatter tree = new TreeFormatter();
      new java.util.TreeMap<>(files).forEach((name, content) -> {
        try {
          tree.append(name, FileMode.REGULAR_FILE,
              inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      CommitBuilder commit = new CommitBuilder();
      PersonIdent author = new PersonIdent("Ana Autora", "ana@zarah.example");
      commit.setTreeId(inserter.insert(tree));
      commit.setAuthor(author);
      commit.setCommitter(author);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(id);
      update.forceUpdate();
      return id.getName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized String head() {
    try {
      return git.getRepository().resolve("HEAD").getName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
