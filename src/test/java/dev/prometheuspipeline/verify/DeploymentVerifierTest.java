package dev.prometheuspipeline.verify;

import static targetengine.Artifacts.fetched;
import static targetengine.Artifacts.sha256;
import static targetengine.Artifacts.uniqueProduct;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.DeployOutcome;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.TargetException;
import targetengine.Artifacts;
import targetengine.Models;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

@TargetEngineTest
class DeploymentVerifierTest {
  @LocalServerPort
  int port;

  private final Deployer deployer = new Deployer(TargetEngine.clients());
  private final DeploymentVerifier verifier = new DeploymentVerifier(TargetEngine.clients());
  private CamundaTarget target;
  private String genesis;
  private String prometheus;

  @BeforeEach
  void eachTestDeploysProductsOfItsOwn() {
    target = TargetEngine.target(port);
    genesis = uniqueProduct("Genesis");
    prometheus = uniqueProduct("Prometheus");
  }

  private List<FetchedArtifact> release(String orderLabel) {
    return Artifacts.twoProductRelease(genesis, prometheus, orderLabel);
  }


  private static Map<String, Check> byName(VerifyOutcome outcome) {
    return outcome.checks().stream().collect(Collectors.toMap(Check::name, Function.identity()));
  }

  @Test
  void aFreshDeploymentPassesEveryCheck() {
    List<FetchedArtifact> release = release("Order");
    DeployOutcome deployed = deployer.deploy(target, release);

    VerifyOutcome outcome = verifier.verify(target, release, deployed);

    assertThat(outcome.checks()).extracting(Check::name).containsExactly(
        "target-health",
        "checksum:" + genesis + "/bpmn/order.bpmn", "definition:" + genesis + "/bpmn/order.bpmn",
        "checksum:" + genesis + "/dmn/limits.dmn", "definition:" + genesis + "/dmn/limits.dmn",
        "checksum:" + genesis + "/forms/approve.form",
        "checksum:" + genesis + "/forms/approve.html",
        "checksum:" + prometheus + "/order.bpmn", "definition:" + prometheus + "/order.bpmn");
    assertThat(outcome.allPassed()).as("%s", outcome.failures()).isTrue();
    assertThat(outcome.passed()).isEqualTo(9);
    assertThat(outcome.failed()).isZero();
    assertThat(byName(outcome).get("target-health").detail()).contains("'" + TargetEngine.USER + "'");
    assertThat(byName(outcome).get("definition:" + genesis + "/dmn/limits.dmn").detail())
        .contains(genesis + "_limits:1");
  }

  @Test
  void unchangedFilesAreFoundInTheOlderDeploymentAfterARedeployThatCreatedNothing() {
    List<FetchedArtifact> release = release("Order");
    DeployOutcome first = deployer.deploy(target, release);
    DeployOutcome again = deployer.deploy(target, release);

    VerifyOutcome outcome = verifier.verify(target, release, again);

    assertThat(again.createdAny()).isFalse();
    assertThat(outcome.allPassed()).as("%s", outcome.failures()).isTrue();
    assertThat(byName(outcome).get("checksum:" + genesis + "/forms/approve.form").detail())
        .contains(first.products().get(0).deploymentId());
  }

  @Test
  void eachResourceIsFoundInTheDeploymentHoldingItsCurrentVersion() {
    DeployOutcome first = deployer.deploy(target, release("Order"));
    List<FetchedArtifact> changed = release("Order, reviewed twice");
    DeployOutcome second = deployer.deploy(target, changed);

    VerifyOutcome outcome = verifier.verify(target, changed, second);

    assertThat(outcome.allPassed()).as("%s", outcome.failures()).isTrue();
    String older = first.products().get(0).deploymentId();
    String newer = second.products().get(0).deploymentId();
    Map<String, Check> checks = byName(outcome);
    assertThat(checks.get("checksum:" + genesis + "/bpmn/order.bpmn").detail()).contains(newer);
    assertThat(checks.get("definition:" + genesis + "/bpmn/order.bpmn").detail())
        .contains(newer, genesis + "_order:2");
    assertThat(checks.get("checksum:" + genesis + "/dmn/limits.dmn").detail()).contains(older);
    assertThat(checks.get("definition:" + genesis + "/dmn/limits.dmn").detail()).contains(older);
    assertThat(checks.get("checksum:" + genesis + "/forms/approve.html").detail()).contains(older);
  }

  @Test
  void aResourceReplacedOnTheTargetFailsItsChecksumWithBothDigests() {
    List<FetchedArtifact> release = release("Order");
    DeployOutcome deployed = deployer.deploy(target, release);
    String otherForm = Models.form(genesis + "_approve", "Approved by someone else");
    String tampering = deployDirectly(genesis, "approve.form", otherForm);

    VerifyOutcome outcome = verifier.verify(target, release, deployed);

    Check checksum = byName(outcome).get("checksum:" + genesis + "/forms/approve.form");
    assertThat(checksum.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(checksum.detail()).contains(tampering, sha256(otherForm.getBytes(UTF_8)),
        release.get(2).digest());
    assertThat(outcome.failures()).containsExactly(checksum);
  }

  @Test
  void aWrongPasswordFailsTargetHealthNamingTheUser() {
    List<FetchedArtifact> release = release("Order");
    DeployOutcome deployed = deployer.deploy(target, release);
    CamundaTarget wrongPassword = TargetEngine.target(port, TargetEngine.LOCKABLE_USER, "not-the-password");

    VerifyOutcome outcome = verifier.verify(wrongPassword, release, deployed);

    Check health = outcome.checks().get(0);
    assertThat(health.name()).isEqualTo("target-health");
    assertThat(health.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(health.detail())
        .contains("'" + TargetEngine.LOCKABLE_USER + "'", "pipeline.target.username/password")
        .doesNotContain("not-the-password");
    assertThat(outcome.passed()).isZero();
    assertThat(outcome.checks()).hasSize(9);
    assertThat(outcome.checks().subList(1, 9))
        .allSatisfy(check -> assertThat(check.detail()).startsWith("not checked"));
  }

  @Test
  void aTargetThatCannotBeReachedIsARetryableFailureNotAFailedCheck() {
    List<FetchedArtifact> release = release("Order");
    DeployOutcome deployed = deployer.deploy(target, release);

    TargetException failure = catchThrowableOfType(TargetException.class,
        () -> verifier.verify(TargetEngine.unreachable(), release, deployed));

    assertThat(failure.isRetryable()).isTrue();
  }

  @Test
  void aTargetFailingWhileTheResourcesAreCheckedIsARetryableFailureNotAFailedCheck() throws Exception {
    List<FetchedArtifact> release = release("Order");
    DeployOutcome deployed = deployer.deploy(target, release);
    // The engine answers everything but the resources' bytes, which fail as an overloaded engine fails.
    HttpServer failingData = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    failingData.createContext("/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().toString();
        if (path.endsWith("/data")) {
          exchange.sendResponseHeaders(503, -1);
          return;
        }
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        exchange.getResponseHeaders().set("Content-Type", answer.headers().firstValue("Content-Type").orElse("application/json"));
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
        exchange.getResponseBody().write(answer.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    failingData.start();
    try {
      CamundaTarget behindIt = new CamundaTarget(URI.create("http://127.0.0.1:" + failingData.getAddress().getPort()
          + TargetEngine.restUrl(port).getPath()), TargetEngine.USER, TargetEngine.PASSWORD, Duration.ofSeconds(30));

      TargetException failure = catchThrowableOfType(TargetException.class,
          () -> verifier.verify(behindIt, release, deployed));

      assertThat(failure.isRetryable()).isTrue();
      assertThat(failure.status()).hasValue(503);
    } finally {
      failingData.stop(0);
    }
  }

  @Test
  void aProcessThatIsNotExecutableFailsItsDefinitionCheck() {
    List<FetchedArtifact> release = List.of(
        fetched(ArtifactType.BPMN, genesis + "/notes.bpmn", Models.nonExecutableBpmn(genesis + "_notes")));
    DeployOutcome deployed = deployer.deploy(target, release);

    VerifyOutcome outcome = verifier.verify(target, release, deployed);

    assertThat(outcome.failures()).singleElement().satisfies(check -> {
      assertThat(check.name()).isEqualTo("definition:" + genesis + "/notes.bpmn");
      assertThat(check.detail()).contains("no process definition", "isExecutable");
    });
  }

  @Test
  void resourcesOfAProductTheDeployStageDidNotDeployFail() {
    List<FetchedArtifact> release = release("Order");

    VerifyOutcome outcome = verifier.verify(target, release, new DeployOutcome(List.of()));

    assertThat(outcome.passed()).isEqualTo(1);
    assertThat(outcome.failures()).hasSize(8)
        .allSatisfy(check -> assertThat(check.detail()).contains("no deployment for product"));
  }

  /** Deploys one file the way someone outside the pipeline would: straight to the REST API, same name and source. */
  private String deployDirectly(String deploymentName, String resourceName, String content) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("deployment-name", deploymentName);
    body.add("deployment-source", Deployer.SOURCE);
    HttpHeaders part = new HttpHeaders();
    part.setContentDisposition(ContentDisposition.formData().name(resourceName).filename(resourceName).build());
    body.add(resourceName, new HttpEntity<>(content.getBytes(UTF_8), part));
    Map<?, ?> created = RestClient.create().post()
        .uri(TargetEngine.restUrl(port) + "/deployment/create")
        .headers(headers -> headers.setBasicAuth(TargetEngine.USER, TargetEngine.PASSWORD))
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(body)
        .retrieve()
        .body(Map.class);
    return (String) created.get("id");
  }
}
