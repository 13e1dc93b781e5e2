package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One OSV advisory file (https://ossf.github.io/osv-schema/, 1.7), only the fields matching needs. Unknown
 * fields are ignored: the schema grows, and an advisory with a field we don't read is still a good one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OsvDocument(String id, List<String> aliases, String summary, String withdrawn, List<Affected> affected,
                   List<Severity> severity, List<Reference> references,
                   @JsonProperty("database_specific") Map<String, Object> databaseSpecific) {
  OsvDocument {
    references = references == null ? List.of() : List.copyOf(references);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    affected = affected == null ? List.of() : List.copyOf(affected);
    severity = severity == null ? List.of() : List.copyOf(severity);
    databaseSpecific = databaseSpecific == null ? Map.of() : databaseSpecific;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Affected(@JsonProperty("package") Package pkg, List<Range> ranges, List<String> versions) {
    Affected {
      ranges = ranges == null ? List.of() : List.copyOf(ranges);
      versions = versions == null ? List.of() : List.copyOf(versions);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Package(String ecosystem, String name, String purl) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Range(String type, List<Event> events) {
    Range {
      events = events == null ? List.of() : List.copyOf(events);
    }
  }

  /** Exactly one of the four is set in a valid advisory. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Event(String introduced, String fixed, @JsonProperty("last_affected") String lastAffected, String limit) {
    String version() {
      if (introduced != null) {
        return introduced;
      }
      if (fixed != null) {
        return fixed;
      }
      return lastAffected != null ? lastAffected : limit;
    }

    int kinds() {
      int set = 0;
      for (String value : new String[] {introduced, fixed, lastAffected, limit}) {
        set += value == null ? 0 : 1;
      }
      return set;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Severity(String type, String score) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Reference(String type, String url) {}
}
