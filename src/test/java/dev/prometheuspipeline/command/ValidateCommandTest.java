package dev.prometheuspipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.validate.Finding;
import dev.prometheuspipeline.validate.SarifSchema;
import dev.prometheuspipeline.validate.Severity;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's entry method, in this JVM, on directories of real models. */
class ValidateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private Path clean;
  private Path broken;

  @BeforeEach
  void models() throws IOException {
    clean = temp.resolve("clean");
    copy("validate/bpmn/valid.bpmn", clean.resolve("Genesis/bpmn/valid.bpmn"));
    copy("validate/form/valid.form", clean.resolve("Genesis/forms/valid.form"));
    broken = temp.resolve("broken");
    copy("validate/bpmn/valid.bpmn", broken.resolve("Genesis/bpmn/valid.bpmn"));
    copy("validate/form/valid.form", broken.resolve("Genesis/forms/valid.form"));
    copy("validate/bpmn/several-errors.bpmn", broken.resolve("Genesis/bpmn/several-errors.bpmn"));
  }

  @Test
  void textListsEveryFindingAndExitsOneOnErrors() {
    Run run = validate(broken);
    assertThat(run.exit()).isEqualTo(1);
    // three errors, the form's field that no model reads (info), the summary
    assertThat(run.out().lines()).hasSize(5);
    assertThat(run.out()).contains("error Genesis/bpmn/several-errors.bpmn:8:65 (Task_Charge) [bpmn-engine-parse]")
        .endsWith("3 errors, 0 warnings, 1 info in 2 files\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void textOfACleanDirectoryExitsZero() {
    Run run = validate(clean);
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("[release-variable-never-read]").endsWith("0 errors, 0 warnings, 1 info in 1 file\n");
  }

  @Test
  void jsonCarriesTheFindingsWithTheirDocsAndTheSameExitCode() throws IOException {
    Run run = validate(broken, "--format", "json");
    assertThat(run.exit()).isEqualTo(1);
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.path("errors").asInt()).isEqualTo(3);
    assertThat(report.at("/findings/0/file").asText()).isEqualTo("Genesis/bpmn/several-errors.bpmn");
    assertThat(report.at("/findings/0/docs").asText()).isEqualTo("/api/rules/bpmn-engine-parse");
    assertThat(report.at("/rules/bpmn-engine-parse/errors").asInt()).isEqualTo(3);

    Run cleanRun = validate(clean, "--format=json");
    assertThat(cleanRun.exit()).isZero();
    assertThat(JSON.readTree(cleanRun.out()).path("findings").findValuesAsText("severity")).containsOnly("info");
  }

  @Test
  void sarifIsAValidSarifLogWithAResultPerFinding() throws IOException {
    Run run = validate(broken, "--format", "sarif", "--public-url", "https://pipeline.example.com");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(SarifSchema.problems(run.out())).isEmpty();
    JsonNode results = JSON.readTree(run.out()).at("/runs/0/results");
    assertThat(results).hasSize(4);
    assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("Genesis/bpmn/several-errors.bpmn");
    assertThat(JSON.readTree(run.out()).at("/runs/0/tool/driver/rules/0/helpUri").asText())
        .startsWith("https://pipeline.example.com/api/rules/");

    Run cleanRun = validate(clean, "--format", "sarif");
    assertThat(cleanRun.exit()).isZero();
    assertThat(SarifSchema.problems(cleanRun.out())).isEmpty();
    assertThat(JSON.readTree(cleanRun.out()).at("/runs/0/results").findValuesAsText("level")).containsOnly("note");
  }

  @Test
  void htmlDrawsEveryBpmnFileAndTablesTheFindings() {
    Run run = validate(broken, "--format", "html");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).startsWith("<!DOCTYPE html>")
        .contains("data-file=\"Genesis/bpmn/several-errors.bpmn\"", "data-file=\"Genesis/bpmn/valid.bpmn\"",
            "<tr class=\"finding finding-error\">");
    assertThat(validate(clean, "--format", "html").exit()).isZero();
  }

  @Test
  void outputWritesTheReportToTheFileAndTheSummaryToStandardOutput() throws IOException {
    Path file = temp.resolve("report.sarif");
    Run run = validate(broken, "--format", "sarif", "--output", file.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).startsWith("3 errors, 0 warnings in 2 files; first: Genesis/bpmn/several-errors.bpmn:8:65");
    assertThat(SarifSchema.problems(Files.readString(file))).isEmpty();
  }

  @Test
  void versionControlDependenciesAndBuildOutputAreNotValidated() throws IOException {
    for (String folder : List.of(".git", "node_modules/some-package", "target/classes")) {
      copy("validate/bpmn/several-errors.bpmn", clean.resolve(folder).resolve("x.bpmn"));
    }
    assertThat(validate(clean).exit()).isZero();
  }

  @Test
  void aFolderWithPackageJsonIsLintedAsWorkerCode() throws IOException {
    Assumptions.assumeTrue(onPath("node"), "node is not on PATH; worker code is linted with it");
    Files.createDirectories(clean.resolve("workers/payments"));
    Files.writeString(clean.resolve("workers/payments/package.json"), "{\"name\": \"payments\"}");
    Files.writeString(clean.resolve("workers/payments/index.js"), "const x = ;\n");

    Run run = validate(clean);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("workers/payments/index.js:1", "[worker-syntax]");
  }

  @Test
  void theRepositorysRuleConfigurationApplies() throws IOException {
    copy("validate/bpmn/gateway-without-default.bpmn", clean.resolve("Genesis/gateway.bpmn"));
    assertThat(validate(clean).out()).contains("[bpmn-conditional-flows]");

    Files.createDirectories(clean.resolve(".prometheus"));
    Files.writeString(clean.resolve(".prometheus/rules.json"), "{\"rules\": {\"bpmn-conditional-flows\": \"off\"}}");

    assertThat(validate(clean).out()).doesNotContain("[bpmn-conditional-flows]");
  }

  private static boolean onPath(String command) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Run run = validate(clean, "--format", "xml");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("unknown format 'xml'; use text, json, sarif or html", "usage: validate <dir>");
  }

  @Test
  void aMissingDirectoryIsAUsageError() {
    Run run = validate(temp.resolve("nowhere"));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("nowhere is not a directory");
    assertThat(runCommand("validate").exit()).isEqualTo(2);
  }

  @Test
  void anUnwritableOutputIsAnIoProblem() {
    Run run = validate(broken, "--output", temp.resolve("no/such/folder/report.txt").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("report.txt");
  }

  @Test
  void argumentsThatNameNoSubcommandStartTheApplication() {
    assertThat(Commands.isCommand(new String[] {"--spring.profiles.active=dev"})).isFalse();
    assertThat(Commands.isCommand(new String[0])).isFalse();
    assertThat(Commands.run(new String[] {"--server.port=0"}, System.out, System.err)).isEqualTo(OptionalInt.empty());
  }

  @Test
  void twoFilesOfTheGivenFolderDefiningOneProcessIdAreErrorsNamingBothFilesAndTheEnginesRefusal() throws IOException {
    Path folder = temp.resolve("examples");
    copy("validate/release/duplicate-ids-at-root/invoice.bpmn", folder.resolve("invoice.bpmn"));
    copy("validate/release/duplicate-ids-at-root/invoice-v2.bpmn", folder.resolve("invoice-v2.bpmn"));

    Run run = validate(folder);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("error invoice.bpmn:3", "[release-duplicate-definition-id]",
        "process id 'invoice' is also defined in invoice-v2.bpmn",
        "The deployment contains definitions with the same key 'invoice' (id attribute), this is not allowed");
  }

  @Test
  void aSmokeFileNamingAProcessTheModelsDoNotDefineIsAnError() throws IOException {
    Path repository = temp.resolve("with-smoke");
    copy("validate/release/duplicate-ids-at-root/invoice.bpmn", repository.resolve("Genesis/invoice.bpmn"));
    Path smoke = repository.resolve("tests/Genesis/smoke/billing.json");
    Files.createDirectories(smoke.getParent());
    Files.writeString(smoke, """
        { "testCases": [ { "name": "Billing", "instructions": [
          { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "billing" } }
        ] } ] }
        """);

    Run run = validate(repository);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("tests/Genesis/smoke/billing.json:2", "[release-smoke-file-runs-live]",
        "no process \"billing\"", "processes: invoice");
  }

  @Test
  void theSameProcessIdInTwoProductFoldersOfTheGivenFolderIsTwoDeploymentsAndNoDuplicate() throws IOException {
    Path repository = temp.resolve("repository");
    copy("validate/release/duplicate-ids-at-root/invoice.bpmn", repository.resolve("Genesis/invoice.bpmn"));
    copy("validate/release/duplicate-ids-at-root/invoice-v2.bpmn", repository.resolve("Exodus/invoice.bpmn"));
    copy("validate/release/duplicate-ids-at-root/dish.dmn", repository.resolve("Genesis/dmn/dish.dmn"));
    copy("validate/release/duplicate-ids-at-root/dish-copy.dmn", repository.resolve("Genesis/dmn/v2/dish.dmn"));

    Run run = validate(repository);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).doesNotContain("process id 'invoice' is also defined")
        .contains("decision id 'dish' is also defined in Genesis/dmn/v2/dish.dmn, in the same product deployment"
            + " 'Genesis'");
  }

  @Test
  void aFolderInsideARepositoryIsOneDeploymentWhateverItsSubfolders() throws IOException {
    Path repository = temp.resolve("models-repository");
    Files.createDirectories(repository.resolve(".git"));
    Path product = repository.resolve("Genesis");
    copy("validate/release/form-by-resource-name/invoice.bpmn", product.resolve("bpmn/invoice-quickstart.bpmn"));
    copy("validate/release/form-by-resource-name/invoice.form", product.resolve("forms/invoice.form"));
    copy("validate/release/duplicate-ids-at-root/invoice.bpmn", product.resolve("bpmn/invoice.bpmn"));
    copy("validate/release/duplicate-ids-at-root/invoice-v2.bpmn", product.resolve("legacy/invoice-v2.bpmn"));

    Run run = validate(product);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("process id 'invoice' is also defined in legacy/invoice-v2.bpmn, in the same"
        + " deployment").doesNotContain("release-form-key-resolves");
  }

  @Test
  void aFolderOutsideAnyRepositoryIsJudgedPerFirstFolderAsARepositoryWouldBe() throws IOException {
    Path folder = temp.resolve("downloaded");
    copy("validate/release/duplicate-ids-at-root/invoice.bpmn", folder.resolve("Genesis/invoice.bpmn"));
    copy("validate/release/duplicate-ids-at-root/invoice-v2.bpmn", folder.resolve("Exodus/invoice-v2.bpmn"));

    Run run = validate(folder);

    assertThat(run.out()).doesNotContain("release-duplicate-definition-id");
  }

  private Run validate(Path dir, String... options) {
    List<String> args = new ArrayList<>(List.of("validate", dir.toString()));
    args.addAll(List.of(options));
    return runCommand(args.toArray(String[]::new));
  }

  private static Run runCommand(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OptionalInt exit = Commands.run(args, print(out), print(err));
    return new Run(exit.orElseThrow(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static void copy(String resource, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = ValidateCommandTest.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
  }

  private record Run(int exit, String out, String err) {}
}
