package dev.prometheuspipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code .pre-commit-hooks.yaml}, as the pre-commit framework reads it: a list of hooks whose entry is the
 * launcher of this repository, given the repository's root, and run when a model or the rule configuration
 * changes.
 */
class PreCommitHooksFileTest {
  private static final Path HOOKS = Path.of(".pre-commit-hooks.yaml");

  @Test
  void everyHookHasTheKeysPreCommitRequiresAndALanguageThatRunsARepositoryFile() throws IOException {
    assertThat(hooks()).isNotEmpty().allSatisfy(hook -> {
      assertThat(hook).containsKeys("id", "name", "entry", "language");
      assertThat(hook.get("language")).isIn("script", "system");
    });
  }

  @Test
  void theEntryIsTheExecutableLauncherGivenTheRepositoryRootSinceItValidatesAFolder() throws IOException {
    Map<String, Object> hook = hook("prometheus-validate");
    List<String> entry = List.of(((String) hook.get("entry")).split("\\s+"));

    assertThat(entry).containsExactly("bin/prometheus-validate", ".");
    assertThat(Path.of(entry.get(0))).isRegularFile().isExecutable();
    // The launcher runs `validate <dir>`; file names appended by pre-commit would not be a directory.
    assertThat(hook.get("pass_filenames")).isEqualTo(false);
    assertThat(Files.readString(Path.of(entry.get(0)))).contains("validate \"$@\"");
  }

  @Test
  void theHookRunsWhenAModelOrTheRuleConfigurationChangesAndOnlyThen() throws IOException {
    Pattern files = Pattern.compile((String) hook("prometheus-validate").get("files"));

    assertThat(List.of("Genesis/bpmn/order.bpmn", "limits.dmn", "Genesis/forms/approve.form", ".bpmnlintrc",
        ".prometheus/rules.json", "Genesis/.bpmnlintrc"))
        .allSatisfy(path -> assertThat(files.matcher(path).find()).as(path).isTrue());
    assertThat(List.of("src/main/java/App.java", "order.bpmn.orig", "README.md", "my.bpmnlintrc.bak"))
        .allSatisfy(path -> assertThat(files.matcher(path).find()).as(path).isFalse());
  }

  @Test
  void theLauncherTheHookRunsTellsWhatIsMissingWithoutAJar() throws Exception {
    ProcessBuilder launcher = new ProcessBuilder("sh", "bin/prometheus-validate", ".")
        .redirectErrorStream(true);
    launcher.environment().put("PROMETHEUS_PIPELINE_JAR", "/nonexistent/prometheus-pipeline.jar");
    Process run = launcher.start();
    assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(run.exitValue()).isEqualTo(2);
    assertThat(new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("no pipeline jar", "PROMETHEUS_PIPELINE_JAR");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> hooks() throws IOException {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(HOOKS));
    assertThat(root).as("a pre-commit hooks file is a YAML list").isInstanceOf(List.class);
    return (List<Map<String, Object>>) root;
  }

  private static Map<String, Object> hook(String id) throws IOException {
    return hooks().stream().filter(hook -> id.equals(hook.get("id"))).findFirst().orElseThrow();
  }
}
