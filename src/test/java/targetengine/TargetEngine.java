package targetengine;

import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.TargetClients;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.springframework.web.client.RestClient;

/** Targets pointing at the test engine, and at places where no engine is. */
public final class TargetEngine {
  /** The user the target engine creates at start, for every test that should get in. */
  public static final String USER = "deployer";
  public static final String PASSWORD = "target-engine-test-only";
  /**
   * A second user, for tests that send a wrong password: Camunda locks a user out for a few seconds
   * after a failed login, so those tests must not use {@link #USER}.
   */
  public static final String LOCKABLE_USER = "auditor";
  public static final String LOCKABLE_PASSWORD = "target-engine-test-only-too";
  /**
   * The engine's name. Not {@code default}: Camunda's REST API finds engines in a JVM-wide registry,
   * and other test contexts in the same JVM run engines named {@code default}.
   */
  public static final String ENGINE = "targetEngine";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TargetEngine() {}

  public static CamundaTarget target(int port) {
    return target(port, USER, PASSWORD);
  }

  public static CamundaTarget target(int port, String user, String password) {
    return new CamundaTarget(restUrl(port), user, password, TIMEOUT);
  }

  public static URI restUrl(int port) {
    return URI.create("http://localhost:" + port + "/engine-rest/engine/" + ENGINE);
  }

  /** Clients built as the application builds them, from a plain {@link RestClient.Builder}. */
  public static TargetClients clients() {
    return new TargetClients(RestClient.builder());
  }

  public static TargetEngineClient client(CamundaTarget target) {
    return clients().connect(target);
  }

  /** A loopback target on a port that was free a moment ago, so nothing answers there. */
  public static CamundaTarget unreachable() {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CamundaTarget(URI.create("http://127.0.0.1:" + port + "/engine-rest"), USER, PASSWORD,
        Duration.ofSeconds(5));
  }
}
