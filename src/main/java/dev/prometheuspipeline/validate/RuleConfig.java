package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A repository's choice of rule severities, from {@code .prometheus/rules.json} (our rule ids) and
 * {@code .bpmnlintrc} (bpmnlint rule names, mapped through {@link RuleInfo#bpmnlintNames()}); ours wins
 * where both name a rule. A problem in a configuration file is a finding on that file, never an
 * exception: the release is validated with whatever part of the configuration could be read.
 *
 * <pre>
 * .prometheus/rules.json   {"rules": {"bpmn-label-required": "off", "bpmn-no-implicit-split": "error",
 *                                     "dmn-feel": "warning"}}            levels: off, info, warning, error
 * .bpmnlintrc              {"extends": "bpmnlint:recommended",
 *                           "rules": {"label-required": "off", "no-implicit-split": ["error", {}]}}
 *                                                  levels: "off", "warn", "error", 0, 1, 2, or [level, options]
 * </pre>
 *
 * <p>{@code extends} and rule options are bpmnlint's and are ignored: our defaults are the starting point.
 * A bpmnlint rule with no equivalent here is an INFO finding on {@code .bpmnlintrc}; an unknown rule id in
 * {@code rules.json} a WARNING (usually a typo).
 *
 * <p>Rules for what the engine rejects ({@link RuleInfo#engineRejects()}) keep their severity whatever
 * the configuration says: lowering them would only move the failure to the deployment.
 *
 * @param levels rule id → configured level; rules not named keep their defaults
 * @param findings what reading the configuration found wrong or worth saying
 */
record RuleConfig(Map<String, Level> levels, List<Finding> findings) {
  static final String RULES_JSON = ".prometheus/rules.json";
  static final String BPMNLINTRC = ".bpmnlintrc";

  static final RuleInfo INVALID = RuleInfo.lint("config-invalid", "config", Severity.WARNING,
      "Rule configuration files can be read",
      "A configuration that cannot be read (or an entry with an unknown level) is ignored, so the rules run"
          + " with their default severities, not the ones the repository chose.",
      "fix the JSON: {\"rules\": {\"bpmn-label-required\": \"off\"}} in " + RULES_JSON + "; levels off, info,"
          + " warning, error (in .bpmnlintrc: off, warn, error, 0, 1, 2)");
  static final RuleInfo UNKNOWN_RULE = RuleInfo.lint("config-unknown-rule", "config", Severity.WARNING,
      "Configured rule ids exist",
      "A rule id nobody declares is usually a typo: the rule meant keeps its default severity.",
      "use an id from the rule catalogue (the rule field of any finding), e.g. bpmn-label-required");
  static final RuleInfo NO_EQUIVALENT = RuleInfo.lint("config-no-bpmnlint-equivalent", "config", Severity.INFO,
      "bpmnlint rules in .bpmnlintrc have an equivalent here",
      "The pipeline does not run bpmnlint itself; a .bpmnlintrc entry without an equivalent rule changes"
          + " nothing here.",
      "nothing to do if the rule only matters in Modeler; otherwise configure the closest rule in " + RULES_JSON);
  static final RuleInfo ENGINE_RULE_KEPT = RuleInfo.lint("config-engine-rule-kept", "config", Severity.INFO,
      "Rules for what the engine rejects stay errors",
      "A model the engine refuses fails at deployment whatever the configuration says; lowering the rule"
          + " would only hide the failure until then.",
      "remove the entry; fix the models instead");

  static final List<RuleInfo> RULES = List.of(INVALID, UNKNOWN_RULE, NO_EQUIVALENT, ENGINE_RULE_KEPT);

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** A configured level: a severity, or off. */
  enum Level {
    OFF,
    INFO,
    WARNING,
    ERROR;

    Optional<Severity> severity() {
      return this == OFF ? Optional.empty() : Optional.of(Severity.valueOf(name()));
    }
  }

  RuleConfig {
    levels = Map.copyOf(levels);
    findings = List.copyOf(findings);
  }

  static final RuleConfig DEFAULTS = new RuleConfig(Map.of(), List.of());

  /**
   * Reads the configuration files of a repository.
   *
   * @param files repository path → content, of {@code .prometheus/rules.json} and/or {@code .bpmnlintrc};
   *     empty for the defaults
   */
  static RuleConfig read(Map<String, byte[]> files) {
    requireNonNull(files, "files");
    Map<String, Level> bpmnlint = new HashMap<>();
    Map<String, Level> ours = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    // Sorted, so findings and (for repeated files) the winning value do not depend on map order.
    for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
      String path = requireNonNull(file.getKey(), "path");
      byte[] bytes = requireNonNull(file.getValue(), "content of " + path);
      if (path.equals(RULES_JSON) || path.endsWith("/" + RULES_JSON)) {
        new Reader(path, false, ours, findings).read(bytes);
      } else if (path.equals(BPMNLINTRC) || path.endsWith("/" + BPMNLINTRC)) {
        new Reader(path, true, bpmnlint, findings).read(bytes);
      } else {
        findings.add(new Finding(path, 0, 0, "", INVALID.id(), INVALID.defaultSeverity(),
            "is not a rule configuration file (" + RULES_JSON + " or " + BPMNLINTRC + "); it was ignored",
            "pass only " + RULES_JSON + " and " + BPMNLINTRC + " as rule configuration"));
      }
    }
    Map<String, Level> levels = new HashMap<>(bpmnlint);
    levels.putAll(ours);
    return new RuleConfig(levels, findings);
  }

  /**
   * The findings with the configured severities: findings of rules turned off dropped, others changed;
   * rules for what the engine rejects untouched. The configuration's own findings are added.
   */
  List<Finding> apply(List<Finding> checked) {
    List<Finding> configured = new ArrayList<>();
    for (Finding finding : checked) {
      Level level = levels.get(finding.rule());
      boolean engineRejects = RuleCatalog.byId(finding.rule()).map(RuleInfo::engineRejects).orElse(false);
      if (level == null || engineRejects) {
        configured.add(finding);
      } else {
        level.severity().ifPresent(severity -> configured.add(new Finding(finding.file(), finding.line(),
            finding.column(), finding.elementId(), finding.rule(), severity, finding.message(), finding.fix())));
      }
    }
    configured.addAll(findings);
    return configured;
  }

  /** One configuration file: its {@code rules} object, entry by entry, each with its line. */
  private static final class Reader {
    private final String path;
    private final boolean bpmnlint;
    private final Map<String, Level> levels;
    private final List<Finding> findings;

    Reader(String path, boolean bpmnlint, Map<String, Level> levels, List<Finding> findings) {
      this.path = path;
      this.bpmnlint = bpmnlint;
      this.levels = levels;
      this.findings = findings;
    }

    void read(byte[] bytes) {
      try (JsonParser parser = JSON.createParser(bytes)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          invalid(parser.currentTokenLocation(), "is not a JSON object", "");
          return;
        }
        boolean sawRules = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonLocation at = parser.currentTokenLocation();
          JsonToken value = parser.nextToken();
          if ("rules".equals(field)) {
            sawRules = true;
            if (value == JsonToken.START_OBJECT) {
              rules(parser);
            } else {
              invalid(at, "has \"rules\" that is not an object", "");
              parser.skipChildren();
            }
          } else {
            // bpmnlint's "extends" and plugins are bpmnlint's business: this pipeline has its own defaults.
            parser.skipChildren();
          }
        }
        if (parser.nextToken() != null) {
          invalid(parser.currentTokenLocation(), "has content after the closing '}'", "");
        }
        if (!sawRules) {
          invalid(JsonLocation.NA, "has no \"rules\" object, so it configures nothing", "");
        }
      } catch (JsonProcessingException e) {
        invalid(e.getLocation() == null ? JsonLocation.NA : e.getLocation(),
            "is not valid JSON: " + e.getOriginalMessage(), "");
      } catch (IOException e) {
        invalid(JsonLocation.NA, "cannot be read: " + e.getMessage(), "");
      }
    }

    private void rules(JsonParser parser) throws IOException {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonLocation at = parser.currentTokenLocation();
        JsonToken token = parser.nextToken();
        Optional<String> raw = Optional.empty();
        if (token == JsonToken.START_ARRAY) {
          // bpmnlint's ["error", {options}]: the level is the first element; options have no meaning here.
          JsonToken element = parser.nextToken();
          if (element != null && element.isScalarValue()) {
            raw = Optional.of(parser.getText());
          }
          while (element != null && element != JsonToken.END_ARRAY) {
            parser.skipChildren();
            element = parser.nextToken();
          }
        } else if (token != null && token.isScalarValue()) {
          raw = Optional.of(parser.getText());
        } else {
          parser.skipChildren();
        }
        Optional<Level> level = raw.flatMap(this::level);
        if (level.isEmpty()) {
          invalid(at, "sets rule '" + name + "' to " + raw.map(v -> "'" + v + "'").orElse("a value that is not a level")
              + ", which is not a level; the entry was ignored", "");
          continue;
        }
        if (bpmnlint) {
          bpmnlintRule(name, level.get(), at);
        } else {
          ourRule(name, level.get(), at);
        }
      }
    }

    private void ourRule(String id, Level level, JsonLocation at) {
      Optional<RuleInfo> rule = RuleCatalog.byId(id);
      if (rule.isEmpty()) {
        note(UNKNOWN_RULE, at, "configures rule '" + id + "', which does not exist; the entry changes nothing",
            UNKNOWN_RULE.fix());
      } else {
        keptIfEngineRule(rule.get(), level, at);
      }
      levels.put(id, level);
    }

    private void bpmnlintRule(String name, Level level, JsonLocation at) {
      // Plugin rules are "plugin-name/rule"; bpmnlint's own may be written "bpmnlint/rule".
      String plain = name.startsWith("bpmnlint/") ? name.substring("bpmnlint/".length()) : name;
      List<RuleInfo> rules = RuleCatalog.byBpmnlintName(plain);
      if (rules.isEmpty()) {
        note(NO_EQUIVALENT, at, "configures bpmnlint rule '" + name + "', which has no equivalent here;"
            + " the entry changes nothing in this pipeline", NO_EQUIVALENT.fix());
        return;
      }
      for (RuleInfo rule : rules) {
        keptIfEngineRule(rule, level, at);
        levels.put(rule.id(), level);
      }
    }

    private void keptIfEngineRule(RuleInfo rule, Level level, JsonLocation at) {
      if (rule.engineRejects() && level != Level.ERROR) {
        note(ENGINE_RULE_KEPT, at, "sets rule '" + rule.id() + "' to " + level.name().toLowerCase(Locale.ROOT)
            + ", but it stays an error: the engine rejects such models", ENGINE_RULE_KEPT.fix());
      }
    }

    private Optional<Level> level(String value) {
      String text = value.strip().toLowerCase(Locale.ROOT);
      return switch (text) {
        case "off", "0" -> Optional.of(Level.OFF);
        case "info" -> Optional.of(Level.INFO);
        case "warn", "warning", "1" -> Optional.of(Level.WARNING);
        case "error", "2" -> Optional.of(Level.ERROR);
        default -> Optional.empty();
      };
    }

    private void invalid(JsonLocation at, String message, String fix) {
      note(INVALID, at, message, fix.isEmpty() ? INVALID.fix() : fix);
    }

    private void note(RuleInfo rule, JsonLocation at, String message, String fix) {
      int line = Math.max(at.getLineNr(), 0);
      int column = line == 0 ? 0 : Math.max(at.getColumnNr(), 0);
      findings.add(new Finding(path, line, column, "", rule.id(), rule.defaultSeverity(), message, fix));
    }
  }
}
