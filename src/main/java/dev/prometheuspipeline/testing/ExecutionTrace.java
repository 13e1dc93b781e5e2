package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one test made the engine do, as coverage counts it (process-test-coverage's definition): the flow
 * nodes entered and sequence flows taken per process definition key, and the rules that fired per decision
 * key. Traces of many tests are merged to get a suite's coverage.
 *
 * @param flowNodes process definition key → ids of flow nodes entered
 * @param sequenceFlows process definition key → ids of sequence flows taken
 * @param rules decision definition key → ids of rules that fired
 */
public record ExecutionTrace(
    Map<String, Set<String>> flowNodes, Map<String, Set<String>> sequenceFlows, Map<String, Set<String>> rules) {
  public static final ExecutionTrace EMPTY = new ExecutionTrace(Map.of(), Map.of(), Map.of());

  public ExecutionTrace {
    flowNodes = copy(requireNonNull(flowNodes, "flowNodes"));
    sequenceFlows = copy(requireNonNull(sequenceFlows, "sequenceFlows"));
    rules = copy(requireNonNull(rules, "rules"));
  }

  /** Everything either trace saw. */
  public ExecutionTrace merge(ExecutionTrace other) {
    return new ExecutionTrace(
        union(flowNodes, other.flowNodes), union(sequenceFlows, other.sequenceFlows), union(rules, other.rules));
  }

  private static Map<String, Set<String>> union(Map<String, Set<String>> a, Map<String, Set<String>> b) {
    Map<String, Set<String>> all = new HashMap<>();
    a.forEach((key, ids) -> all.computeIfAbsent(key, k -> new TreeSet<>()).addAll(ids));
    b.forEach((key, ids) -> all.computeIfAbsent(key, k -> new TreeSet<>()).addAll(ids));
    return all;
  }

  private static Map<String, Set<String>> copy(Map<String, Set<String>> byKey) {
    Map<String, Set<String>> copy = new HashMap<>();
    byKey.forEach((key, ids) -> copy.put(requireNonNull(key, "key"), Set.copyOf(new TreeSet<>(ids))));
    return Map.copyOf(copy);
  }
}
