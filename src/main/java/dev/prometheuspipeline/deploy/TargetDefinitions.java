package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.DeployedDefinitions;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeployedDefinitions} answered by a target engine over REST. Processes and decisions are counted
 * by key ({@code GET /process-definition/count?key=…}, {@code /decision-definition/count}). Camunda 7.24's
 * REST API has no resource for Camunda Form definitions (the engine keeps them, but REST only serves the
 * form of a given task or process definition), so forms are found by reading the {@code id} of every
 * {@code .form} resource in the deployments the user can see, once per instance.
 *
 * <p>When the target cannot be asked (unreachable, refuses us, answers something else) the answer is
 * {@link Presence#UNKNOWN}, and it stays so for this instance: a down target is asked once, not once per
 * reference. One instance serves one validation; it is not thread-safe.
 */
public final class TargetDefinitions implements DeployedDefinitions {
  private static final Logger log = LoggerFactory.getLogger(TargetDefinitions.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final TargetEngineClient client;
  private final Map<String, Presence> answers = new HashMap<>();
  private Set<String> formIds;
  private boolean unreachable;

  public TargetDefinitions(TargetEngineClient client) {
    this.client = requireNonNull(client, "client");
  }

  @Override
  public Presence lookup(Kind kind, String key) {
    requireNonNull(kind, "kind");
    requireNonNull(key, "key");
    if (unreachable) {
      return Presence.UNKNOWN;
    }
    String cacheKey = kind + ":" + key;
    Presence cached = answers.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    try {
      boolean present = switch (kind) {
        case PROCESS -> client.processDefinitionCount(key) > 0;
        case DECISION -> client.decisionDefinitionCount(key) > 0;
        case FORM -> formIds().contains(key);
      };
      Presence answer = present ? Presence.PRESENT : Presence.ABSENT;
      answers.put(cacheKey, answer);
      return answer;
    } catch (TargetException e) {
      // Not a validation failure: the reference is reported as unchecked, and the deploy stage will meet
      // the same target and fail (or retry) on its own terms.
      log.warn("event=target-definitions-unknown target={} reason={}", client.target().restUrl(), e.getMessage());
      unreachable = true;
      return Presence.UNKNOWN;
    }
  }

  @Override
  public String describe() {
    return "target " + client.target().restUrl() + (unreachable ? ", which could not be asked" : "");
  }

  private Set<String> formIds() {
    if (formIds == null) {
      Set<String> ids = new HashSet<>();
      for (EngineDeployment deployment : client.allDeployments()) {
        for (EngineResource resource : client.resources(deployment.id())) {
          if (resource.name().toLowerCase(Locale.ROOT).endsWith(".form")) {
            formId(client.resourceData(deployment.id(), resource.id())).ifPresent(ids::add);
          }
        }
      }
      formIds = ids;
    }
    return formIds;
  }

  private static Optional<String> formId(byte[] form) {
    try {
      JsonNode id = MAPPER.readTree(form).get("id");
      return id != null && id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      // The engine made no form definition from a form it could not read; nothing to find there.
      return Optional.empty();
    }
  }
}
