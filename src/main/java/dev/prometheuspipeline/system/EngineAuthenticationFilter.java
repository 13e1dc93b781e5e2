package dev.prometheuspipeline.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.camunda.bpm.engine.rest.util.EngineUtil;

/**
 * Camunda's authentication filter, with two of its per-request costs taken off. Profiled under 100 clients, the
 * filter was a third of the request threads' CPU, the request's own work included:
 *
 * <ul>
 *   <li>Its {@code getAddressedEngine} loads the engine provider through {@code ServiceLoader}, reading the class
 *       path, on every request (4 %). Here the provider is found once; the engine it answers is the same.
 *   <li>After the password check it asks the engine for the user's groups and tenants, one command and query each
 *       (19 %). Here a user's groups and tenants are kept for {@link #MEMBERSHIPS_KEPT}: a change of membership in
 *       Camunda Admin reaches the APIs that much later. The password is still checked on every request, so a
 *       changed password, a deleted or a locked user is refused at once.
 * </ul>
 */
class EngineAuthenticationFilter extends ProcessEngineAuthenticationFilter {
  /**
   * Short beside how long a membership change takes a person to make (Camunda's own webapps keep a session's groups
   * for five minutes); long beside a client's burst of requests, which under load ask hundreds of times a second.
   */
  static final Duration MEMBERSHIPS_KEPT = Duration.ofSeconds(2);
  /** Past this many users, expired entries are dropped on the next store; only authenticated users get one. */
  private static final int PRUNE_ABOVE = 1_000;

  private final long keptNanos;
  private final Map<String, Kept> groups = new ConcurrentHashMap<>();
  private final Map<String, Kept> tenants = new ConcurrentHashMap<>();
  /** Found on the first request; the class path's providers do not change while the application runs. */
  private volatile ProcessEngineProvider provider;

  EngineAuthenticationFilter() {
    this(MEMBERSHIPS_KEPT);
  }

  EngineAuthenticationFilter(Duration membershipsKept) {
    this.keptNanos = membershipsKept.toNanos();
  }

  private record Kept(List<String> ids, long until) {}

  @Override
  protected ProcessEngine getAddressedEngine(String engineName) {
    ProcessEngineProvider engines = provider;
    if (engines == null) {
      engines = ServiceLoader.load(ProcessEngineProvider.class).findFirst().orElse(null);
      if (engines == null) {
        // None at all: Camunda's own look-up, for its own refusal.
        return EngineUtil.lookupProcessEngine(engineName);
      }
      provider = engines;
    }
    return engineName == null ? engines.getDefaultProcessEngine() : engines.getProcessEngine(engineName);
  }

  @Override
  protected List<String> getGroupsOfUser(ProcessEngine engine, String userId) {
    return kept(groups, engine.getName() + '\n' + userId, () -> super.getGroupsOfUser(engine, userId));
  }

  @Override
  protected List<String> getTenantsOfUser(ProcessEngine engine, String userId) {
    return kept(tenants, engine.getName() + '\n' + userId, () -> super.getTenantsOfUser(engine, userId));
  }

  private List<String> kept(Map<String, Kept> memberships, String key, Supplier<List<String>> ask) {
    long now = System.nanoTime();
    Kept kept = memberships.get(key);
    if (kept == null || now - kept.until() >= 0) {
      kept = new Kept(List.copyOf(ask.get()), now + keptNanos);
      if (memberships.size() > PRUNE_ABOVE) {
        memberships.values().removeIf(entry -> now - entry.until() >= 0);
      }
      memberships.put(key, kept);
    }
    // A copy of its own for each request: the engine's authentication holds the list it is given.
    return new ArrayList<>(kept.ids());
  }
}
