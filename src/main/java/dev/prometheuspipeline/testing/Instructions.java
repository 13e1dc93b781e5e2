package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every instruction a scenario may use, as {@link CptInstruction} declares them: the Camunda Process Test
 * 8.9 types, each mapped to Camunda 7 or refused with the reason it has no Camunda 7 meaning, and the
 * Camunda 7 additions ({@code C7_…}). {@code docs/test-cases.md} documents the same table for people.
 */
final class Instructions {
  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new Jdk8Module()).build();

  /** Type → the record Jackson reads it into. */
  static final Map<String, Class<?>> TYPES = types();

  static final Set<String> KNOWN = TYPES.keySet();

  /** Type → why it cannot run on Camunda 7. */
  static final Map<String, String> NOT_APPLICABLE = notApplicable();

  private Instructions() {}

  /**
   * The instruction as written, read into its record.
   *
   * @throws JsonProcessingException when its type is unknown or a field is not what its type takes
   */
  static CptInstruction read(JsonNode node) throws JsonProcessingException {
    return JSON.treeToValue(node, CptInstruction.class);
  }

  private static Map<String, Class<?>> types() {
    Map<String, Class<?>> types = new LinkedHashMap<>();
    for (JsonSubTypes.Type type : CptInstruction.class.getAnnotation(JsonSubTypes.class).value()) {
      types.put(type.name(), type.value());
    }
    return Collections.unmodifiableMap(types);
  }

  private static Map<String, String> notApplicable() {
    Map<String, String> why = new LinkedHashMap<>();
    TYPES.forEach((name, type) -> {
      CptInstruction.NotOnCamunda7 reason = type.getAnnotation(CptInstruction.NotOnCamunda7.class);
      if (reason != null) {
        why.put(name, reason.value());
      }
    });
    return Collections.unmodifiableMap(why);
  }
}
