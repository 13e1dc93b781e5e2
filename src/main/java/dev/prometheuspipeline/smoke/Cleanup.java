package dev.prometheuspipeline.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.deploy.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes what a smoke file left on the target, passed or not: every instance it started (and those a message
 * started under one of its business keys), the called instances with them, then their history when the user
 * may delete it. A smoke instance must not wait at a user task in someone's Tasklist, nor count in reports.
 */
final class Cleanup {
  private final Set<String> businessKeys = new LinkedHashSet<>();
  private final Set<String> instances = new LinkedHashSet<>();

  void businessKey(String key) {
    businessKeys.add(key);
  }

  void instance(String id) {
    instances.add(id);
  }

  /**
   * @return what could not be deleted, one entry per instance, with the engine's reason; empty when all went
   */
  List<String> run(TargetEngineClient engine) {
    Set<String> all = new LinkedHashSet<>(instances);
    for (String key : businessKeys) {
      find(engine, "/history/process-instance", Map.of("processInstanceBusinessKey", key)).forEach(all::add);
    }
    Set<String> withChildren = new LinkedHashSet<>();
    all.forEach(id -> withDescendants(engine, id, withChildren));
    List<String> left = new ArrayList<>();
    for (String id : withChildren) {
      try {
        // Listeners and I/O mappings would call the target's real services on the way out.
        engine.delete("/process-instance/{id}", Map.of("id", id, "skipCustomListeners", "true",
            "skipIoMappings", "true", "failIfNotExists", "false"));
      } catch (TargetException e) {
        if (e.isRetryable() || e.status().orElse(0) != 404) {
          left.add(id + " (" + e.getMessage() + ")");
          continue;
        }
      }
      deleteHistory(engine, id);
    }
    return left;
  }

  private static void withDescendants(TargetEngineClient engine, String id, Set<String> into) {
    if (!into.add(id)) {
      return;
    }
    find(engine, "/history/process-instance", Map.of("superProcessInstanceId", id))
        .forEach(child -> withDescendants(engine, child, into));
  }

  private static List<String> find(TargetEngineClient engine, String path, Map<String, String> query) {
    try {
      return engine.getAll(path, query, JsonNode[].class).stream().map(node -> node.path("id").asText()).toList();
    } catch (TargetException e) {
      // History the user may not read hides only instances started by messages; the tracked ones still go.
      return List.of();
    }
  }

  private static void deleteHistory(TargetEngineClient engine, String id) {
    try {
      engine.delete("/history/process-instance/{id}", Map.of("id", id));
    } catch (TargetException e) {
      // A user without DELETE_HISTORY, or history level none: the runtime instance is gone, which matters.
    }
  }
}
