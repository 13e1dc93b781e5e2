package dev.prometheuspipeline.supplychain;

import static dev.prometheuspipeline.supplychain.OsvAdvisoriesTest.log4j;
import static dev.prometheuspipeline.supplychain.OsvAdvisoriesTest.npm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The client against a registry stand-in on the loopback address, answering in the bulk endpoint's shape. */
class NpmAdvisoryClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer registry;
  private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
  private final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
  private volatile int status = 200;
  private volatile byte[] answer;

  @BeforeEach
  void startRegistry() throws IOException {
    try (InputStream recorded = getClass().getResourceAsStream("/supplychain/npm-bulk-answer.json")) {
      answer = recorded.readAllBytes();
    }
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/", this::answer);
    registry.start();
  }

  @AfterEach
  void stopRegistry() {
    registry.stop(0);
  }

  @Test
  void asksForEachNameWithItsVersionsAndKeepsOnlyTheAdvisoriesOfEachExactVersion() {
    AdvisoryAnswer found = client().advisories(List.of(
        npm("lodash", "4.17.20"), npm("lodash", "4.17.21"), npm("minimist", "1.2.5")));

    assertThat(paths).containsExactly("POST /-/npm/v1/security/advisories/bulk");
    assertThat(bodies.get(0).toString())
        .isEqualTo("{\"lodash\":[\"4.17.20\",\"4.17.21\"],\"minimist\":[\"1.2.5\"]}");
    assertThat(found.problems()).isEmpty();
    assertThat(found.affected())
        .extracting(affected -> affected.dependency().name() + "@" + affected.dependency().version()
            + " " + affected.advisory().id())
        .containsExactly(
            "lodash@4.17.20 GHSA-35jh-r3h4-6jhm",
            "lodash@4.17.20 GHSA-29mw-wpgm-hmr9",
            "minimist@1.2.5 GHSA-xvch-5gv4-984h");
  }

  @Test
  void takesTheGithubIdFromTheUrlAndTheSeverityAsNpmGivesIt() {
    Advisory minimist = client().advisories(List.of(npm("minimist", "1.2.5"))).affected().get(0).advisory();

    assertThat(minimist.id()).isEqualTo("GHSA-xvch-5gv4-984h");
    assertThat(minimist.aliases()).containsExactly("1097678");
    assertThat(minimist.severity()).isEqualTo(VulnerabilitySeverity.CRITICAL);
    assertThat(minimist.cvssScore()).hasValue(9.8);
    assertThat(minimist.url()).hasValue("https://github.com/advisories/GHSA-xvch-5gv4-984h");
  }

  @Test
  void splitsManyNamesIntoRequestsOfAtMostTwoHundred() {
    List<Dependency> many = IntStream.range(0, 450).mapToObj(i -> npm("pkg-" + i, "1.0.0")).toList();

    AdvisoryAnswer found = client().advisories(many);

    assertThat(found.problems()).isEmpty();
    assertThat(bodies).extracting(JsonNode::size).containsExactly(200, 200, 50);
  }

  @Test
  void asksNothingAboutMavenPackages() {
    AdvisoryAnswer found = client().advisories(List.of(log4j("2.14.1")));

    assertThat(found.affected()).isEmpty();
    assertThat(found.problems()).isEmpty();
    assertThat(paths).isEmpty();
  }

  @Test
  void saysNpmVulnerabilitiesAreUnknownWhenTheRegistryRefuses() {
    status = 405;

    AdvisoryAnswer found = client().advisories(List.of(npm("lodash", "4.17.20")));

    assertThat(found.affected()).isEmpty();
    assertThat(found.problems()).singleElement().asString()
        .startsWith("npm advisories could not be asked (http://")
        .endsWith("): the registry answered 405 Method Not Allowed; vulnerabilities of npm packages are unknown");
  }

  @Test
  void saysNpmVulnerabilitiesAreUnknownWhenNothingListens() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    NpmAdvisoryClient client = new NpmAdvisoryClient(RestClient.builder(),
        URI.create("http://127.0.0.1:" + closedPort + "/"), Duration.ofSeconds(5));

    AdvisoryAnswer found = client.advisories(List.of(npm("lodash", "4.17.20")));

    assertThat(found.problems()).singleElement().asString()
        .contains(": connection refused; vulnerabilities of npm packages are unknown");
  }

  @Test
  void usesTheRegistrysPathForMirrors() {
    NpmAdvisoryClient mirror = new NpmAdvisoryClient(RestClient.builder(),
        URI.create("http://127.0.0.1:" + registry.getAddress().getPort() + "/mirror/npm"), Duration.ofSeconds(5));

    mirror.advisories(List.of(npm("lodash", "4.17.20")));

    assertThat(paths).containsExactly("POST /mirror/npm/-/npm/v1/security/advisories/bulk");
  }

  private NpmAdvisoryClient client() {
    return new NpmAdvisoryClient(RestClient.builder(),
        URI.create("http://127.0.0.1:" + registry.getAddress().getPort() + "/"), Duration.ofSeconds(5));
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      bodies.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      if (status != 200) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }
}
