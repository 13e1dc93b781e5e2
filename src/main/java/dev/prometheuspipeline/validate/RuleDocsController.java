package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/rules}: the documentation page of every rule a finding can name, and their index. */
@Profile("!worker")
@RestController
class RuleDocsController {
  private final List<RuleInfo> rules = PipelineRules.all();

  @GetMapping(RuleDocs.INDEX)
  ArrayNode index() {
    return RuleDocs.index(rules);
  }

  @GetMapping(RuleDocs.INDEX + "/{id}")
  ResponseEntity<String> rule(@PathVariable String id) {
    RuleInfo rule = rules.stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "rule " + id + " not found; " + RuleDocs.INDEX + " lists every rule"));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(ReportFormat.HTML.mediaType()))
        .body(RuleDocs.page(rule));
  }
}
