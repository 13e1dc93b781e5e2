package dev.prometheuspipeline.smoke;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.testing.Selectors.ProcessSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One smoke test case on the target: the instances it started (selectors mean the newest of a process, as
 * in the sandbox), the messages it correlated, and the engine and time it has.
 */
final class LiveCase {
  final TargetEngineClient engine;
  final Poll poll;
  private final Supplier<String> nextBusinessKey;
  private final Cleanup cleanup;
  private final List<Started> started = new ArrayList<>();
  /** Business key the file wrote → the instance: the sandbox correlates messages by it. */
  private final Map<String, Started> byWrittenKey = new HashMap<>();
  /** "instance id/message name" of the correlations this case made. */
  private final Set<String> correlated = new HashSet<>();

  /** An instance this case started, under its smoke business key. */
  record Started(String id, String processKey, String businessKey) {}

  LiveCase(TargetEngineClient engine, Poll poll, Supplier<String> nextBusinessKey, Cleanup cleanup) {
    this.engine = requireNonNull(engine, "engine");
    this.poll = requireNonNull(poll, "poll");
    this.nextBusinessKey = requireNonNull(nextBusinessKey, "nextBusinessKey");
    this.cleanup = requireNonNull(cleanup, "cleanup");
  }

  /** The business key for the next instance, remembered for the cleanup before anything starts under it. */
  String newBusinessKey() {
    String key = nextBusinessKey.get();
    cleanup.businessKey(key);
    return key;
  }

  Started track(String id, String processKey, String businessKey, Optional<String> writtenKey) {
    Started instance = new Started(id, processKey, businessKey);
    started.add(instance);
    cleanup.instance(id);
    writtenKey.ifPresent(key -> byWrittenKey.put(key, instance));
    return instance;
  }

  /** The newest instance of the selector's process this case started. */
  Started instance(ProcessSelector selector) {
    String key = selector.processDefinitionId();
    for (int i = started.size() - 1; i >= 0; i--) {
      if (started.get(i).processKey().equals(key)) {
        return started.get(i);
      }
    }
    throw new StepFailed("this smoke case started no instance of process \"" + key + "\" before this step"
        + (started.isEmpty() ? "" : " (it started " + started.stream().map(Started::processKey).distinct()
            .collect(Collectors.joining(", ")) + ")") + "; start it first with CREATE_PROCESS_INSTANCE");
  }

  /** The instances to search for a task: those of {@code processKey} when given, newest first. */
  List<Started> candidates(Optional<String> processKey) {
    List<Started> found = new ArrayList<>();
    for (int i = started.size() - 1; i >= 0; i--) {
      if (processKey.map(started.get(i).processKey()::equals).orElse(true)) {
        found.add(started.get(i));
      }
    }
    if (found.isEmpty()) {
      throw new StepFailed("this smoke case started no instance" + processKey.map(k -> " of process \"" + k + "\"")
          .orElse("") + " before this step; start it first with CREATE_PROCESS_INSTANCE");
    }
    return found;
  }

  Optional<Started> newest() {
    return started.isEmpty() ? Optional.empty() : Optional.of(started.get(started.size() - 1));
  }

  Optional<Started> byWrittenKey(String key) {
    return Optional.ofNullable(byWrittenKey.get(key));
  }

  void correlated(String instanceId, String messageName) {
    correlated.add(instanceId + "/" + messageName);
  }

  boolean wasCorrelated(String instanceId, String messageName) {
    return correlated.contains(instanceId + "/" + messageName);
  }

  /** {@code GET path} as JSON; a list query read in pages. */
  List<JsonNode> list(String path, Map<String, String> query) {
    return engine.getAll(path, query, JsonNode[].class);
  }

  /** The process key of a definition id ({@code pedido:3:1f2e…}). */
  static String keyOf(String definitionId) {
    int colon = definitionId.indexOf(':');
    return colon < 0 ? definitionId : definitionId.substring(0, colon);
  }
}
