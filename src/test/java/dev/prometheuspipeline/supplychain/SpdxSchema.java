package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The official SPDX 2.3 JSON schema (vendored under src/test/resources/spdx), with format checks on. */
public final class SpdxSchema {
  private static final JsonSchema SCHEMA = load();

  private SpdxSchema() {}

  /** Every way {@code spdx} breaks the schema; empty when it is a valid SPDX 2.3 document. */
  public static List<String> problems(String spdx) {
    try {
      JsonNode document = new ObjectMapper().readTree(spdx);
      return SCHEMA.validate(document).stream().map(ValidationMessage::toString).sorted().toList();
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
  }

  private static JsonSchema load() {
    try (InputStream in = SpdxSchema.class.getResourceAsStream("/spdx/spdx-schema-v2.3.json")) {
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
