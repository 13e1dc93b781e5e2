import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.SeedScript;
import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.DeployOutcome;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.TargetClients;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.verify.DeploymentVerifier;
import dev.prometheuspipeline.verify.VerifyOutcome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import targetengine.Artifacts;
import targetengine.Models;
import targetengine.TargetEngine;
import targetengine.TargetEngineApplication;

/**
 * Deploy + verify of 30 artifacts by the pipeline ({@link Deployer} then {@link DeploymentVerifier}) against
 * the seed's {@code deploy-camunda.sh} run unchanged by bash on the same files and the same target engine,
 * interleaved: each round writes new contents of the 30 files (so both sides really deploy), then runs both
 * sides, the order alternating between rounds so neither always meets a warmer engine.
 *
 * <pre>
 * DeployBench [ROUNDS] [WARMUPS]     defaults 10 and 2; warm-up rounds are run and checked, not counted
 * </pre>
 *
 * <p>The target is {@link TargetEngineApplication} in this JVM with its engine named {@code default}, since
 * the script posts to {@code $CAMUNDA_URL/engine-rest/deployment/create}. The script's repository is a clone
 * at the path it hard-codes, made visible by {@link SeedScript} (a private mount namespace); the round's
 * commit is pulled into it before the round, untimed, so the script's own {@code git pull} finds nothing new,
 * as the pipeline side starts from files already fetched. Its output is what it is for: standard output.
 */
public final class DeployBench {
  private static final String[] PRODUCTS = {"Genesis", "Prometheus"};
  /** Per product and type: 2 products x 3 types x 5 = 30 files. */
  private static final int PER_TYPE = 5;

  private DeployBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path work = Files.createTempDirectory("deploy-bench");
    Path home = work.resolve("home");
    Path scratch = Files.createDirectories(work.resolve("scratch"));
    Path clone = home.resolve(SeedScript.REPO_UNDER_HOME);
    GitFixture origin = GitFixture.create();
    origin.commit("round 0", files(0));
    Git.cloneRepository().setURI(origin.uri()).setDirectory(clone.toFile()).call().close();

    try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(TargetEngineApplication.class)
        .properties("spring.config.name=target-engine")
        // As arguments: they outrank target-engine.yaml, which names the engine targetEngine.
        .run("--server.port=0", "--camunda.bpm.process-engine-name=default")) {
      int port = ((WebServerApplicationContext) engine).getWebServer().getPort();
      CamundaTarget target = new CamundaTarget(URI.create("http://localhost:" + port + "/engine-rest"),
          TargetEngine.USER, TargetEngine.PASSWORD, Duration.ofSeconds(30));
      Map<String, String> scriptEnvironment = Map.of("CAMUNDA_URL", "http://localhost:" + port,
          "CAMUNDA_USER", TargetEngine.USER, "CAMUNDA_PASS", TargetEngine.PASSWORD);
      TargetClients clients = new TargetClients(RestClient.builder());
      Deployer deployer = new Deployer(clients);
      DeploymentVerifier verifier = new DeploymentVerifier(clients);
      List<Double> ours = new ArrayList<>();
      List<Double> oursDeploy = new ArrayList<>();
      List<Double> script = new ArrayList<>();
      int checks = 0;
      System.out.printf("load average before: %s%n", loadAverage());
      for (int round = 1; round <= warmups + rounds; round++) {
        origin.commit("round " + round, files(round));
        try (Git git = Git.open(clone.toFile())) {
          git.pull().call();
        }
        List<FetchedArtifact> artifacts = read(clone);
        double a = 0;
        double b = 0;
        double deployMs = 0;
        for (int side : round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
          if (side == 0) {
            long started = System.nanoTime();
            DeployOutcome deployed = deployer.deploy(target, artifacts);
            long deployedAt = System.nanoTime();
            VerifyOutcome verified = verifier.verify(target, artifacts, deployed);
            a = (System.nanoTime() - started) / 1e6;
            deployMs = (deployedAt - started) / 1e6;
            if (deployed.deployedResources() != artifacts.size() || !verified.allPassed()) {
              throw new IllegalStateException("round " + round + ": the pipeline deployed "
                  + deployed.deployedResources() + " of " + artifacts.size() + " resources; failed checks: "
                  + verified.describeFailures());
            }
            checks = verified.checks().size();
          } else {
            long before = clients.connect(target).deploymentCount();
            long started = System.nanoTime();
            SeedScript.Run run = SeedScript.deployScript(home, scratch, scriptEnvironment);
            b = (System.nanoTime() - started) / 1e6;
            long created = clients.connect(target).deploymentCount() - before;
            if (run.exit() != 0 || created != PRODUCTS.length
                || run.output().split("Encontrados " + artifacts.size() / PRODUCTS.length + " arquivo", -1).length
                    != PRODUCTS.length + 1) {
              throw new IllegalStateException("round " + round + ": the script exited " + run.exit() + " and created "
                  + created + " deployments:\n" + run.output());
            }
          }
        }
        boolean counted = round > warmups;
        System.out.printf(Locale.ROOT, "round %2d%s  pipeline deploy+verify %7.1f ms (deploy %6.1f, verify %6.1f)"
            + "   seed script %7.1f ms   ratio %.2f   %s first%n", round, counted ? "" : " (warm-up)", a, deployMs,
            a - deployMs, b, a / b, round % 2 == 0 ? "pipeline" : "script");
        if (counted) {
          ours.add(a);
          oursDeploy.add(deployMs);
          script.add(b);
        }
      }
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < ours.size(); i++) {
        ratios.add(ours.get(i) / script.get(i));
      }
      System.out.printf(Locale.ROOT, "%d artifacts, %d rounds (+%d warm-up), target %s%n", 2 * 3 * PER_TYPE, rounds,
          warmups, target.restUrl());
      System.out.printf(Locale.ROOT, "pipeline Deployer + DeploymentVerifier: median %.1f ms (min %.1f, max %.1f), %d checks passed%n",
          median(ours), min(ours), max(ours), checks);
      System.out.printf(Locale.ROOT, "  of which Deployer: median %.1f ms; DeploymentVerifier: median %.1f ms%n",
          median(oursDeploy), median(differences(ours, oursDeploy)));
      System.out.printf(Locale.ROOT, "seed deploy-camunda.sh (bash, curl, git):  median %.1f ms (min %.1f, max %.1f)%n",
          median(script), min(script), max(script));
      System.out.printf(Locale.ROOT, "ratio pipeline / script: median of pairs %.2f, of medians %.2f (target <= 1.5)%n",
          median(ratios), median(ours) / median(script));
      System.out.printf("load average after: %s%n", loadAverage());
    }
  }

  /** The round's 30 files, every one different from the previous round's. */
  private static Map<String, String> files(int round) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String product : PRODUCTS) {
      for (int i = 1; i <= PER_TYPE; i++) {
        String id = product + "_" + i;
        String label = product + " " + i + " round " + round;
        files.put(product + "/bpmn/process-" + i + ".bpmn", Models.bpmn(id + "_process", label));
        files.put(product + "/dmn/decision-" + i + ".dmn", Models.dmn(id + "_decision", label));
        files.put(product + "/forms/form-" + i + ".form", Models.form(id + "_form", label));
      }
    }
    return files;
  }

  /** The clone's files as the fetch stage hands them over. */
  private static List<FetchedArtifact> read(Path clone) throws IOException {
    List<FetchedArtifact> artifacts = new ArrayList<>();
    for (String path : files(0).keySet()) {
      ArtifactType type = path.endsWith(".bpmn") ? ArtifactType.BPMN
          : path.endsWith(".dmn") ? ArtifactType.DMN : ArtifactType.FORM;
      artifacts.add(Artifacts.fetched(type, path, Files.readString(clone.resolve(path))));
    }
    return artifacts;
  }

  /** The verify part of each round: the whole minus the deploy. */
  private static List<Double> differences(List<Double> whole, List<Double> part) {
    List<Double> rest = new ArrayList<>();
    for (int i = 0; i < whole.size(); i++) {
      rest.add(whole.get(i) - part.get(i));
    }
    return rest;
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
