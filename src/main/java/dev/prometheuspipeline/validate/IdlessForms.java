package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.validate.ReleaseModels.BpmnFile;
import dev.prometheuspipeline.validate.ReleaseModels.DefinitionKind;
import dev.prometheuspipeline.validate.ReleaseModels.FormFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.instance.BaseElement;

/**
 * The two cases in which a Camunda Form without an id breaks, which only the whole release shows: two of
 * them in one deployment (the engine keys both '' and refuses the deployment, as a real 7.24 engine does
 * in {@code EngineSeverityTest}: a duplicate definition key, so an error of
 * {@code release-duplicate-definition-id} that no configuration lowers), and a {@code camunda:formRef} that
 * names the form's file, which looks for an id and so never finds it (a {@code form-id} error). Everywhere
 * else the per-file warning of {@link FormChecker} stands.
 */
final class IdlessForms {
  private IdlessForms() {}

  static List<Finding> check(ReleaseModels models) {
    Map<String, List<FormFile>> byDeployment = new LinkedHashMap<>();
    for (FormFile form : models.forms()) {
      if (form.shipped().artifact().type() == ArtifactType.FORM && form.id().isEmpty()) {
        byDeployment.computeIfAbsent(form.shipped().product(), product -> new ArrayList<>()).add(form);
      }
    }
    List<Finding> findings = new ArrayList<>();
    Set<String> flagged = new HashSet<>();
    byDeployment.forEach((product, forms) -> {
      if (forms.size() < 2) {
        return;
      }
      for (FormFile form : forms) {
        String others = forms.stream().filter(other -> other != form).map(other -> other.shipped().file().path())
            .collect(Collectors.joining(", "));
        flagged.add(form.shipped().file().path());
        findings.add(onForm(form, ReleaseChecks.DUPLICATE, "has no \"id\", nor has " + others + " of the same "
            + ReleaseChecks.deployment(product) + ": the engine keys both '' and refuses the whole deployment: "
            + ReleaseChecks.engineRefusal("")));
      }
    });
    for (BpmnFile bpmn : models.bpmn()) {
      for (BaseElement holder : bpmn.formHolders()) {
        String formRef = holder.getAttributeValueNs(ReleaseChecks.CAMUNDA, "formRef");
        if (formRef == null || formRef.isBlank() || Expressions.isExpression(formRef)
            || models.ships(DefinitionKind.FORM, formRef, Optional.empty())) {
          continue;
        }
        for (List<FormFile> forms : byDeployment.values()) {
          for (FormFile form : forms) {
            if (baseName(form).equals(formRef) && flagged.add(form.shipped().file().path())) {
              findings.add(onForm(form, FormChecker.ID, "has no \"id\", yet camunda:formRef '" + formRef + "' of "
                  + bpmn.shipped().file().path() + " (" + holder.getId() + ") names this file; a formRef finds"
                  + " forms by id only, so the task shows no form until this one has the id '" + formRef + "'"));
            }
          }
        }
      }
    }
    return findings;
  }

  /**
   * Drops the per-file {@code form-id} warning of every form that the checks across files found in error
   * for its missing id, so each such form carries the one finding that says what breaks.
   */
  static void dropSupersededWarnings(List<Finding> perFile, List<Finding> acrossFiles) {
    Set<String> reasons = Set.of(FormChecker.ID_RULE, ReleaseChecks.DUPLICATE.id());
    Set<String> inError = acrossFiles.stream()
        .filter(finding -> reasons.contains(finding.rule()) && finding.severity() == Severity.ERROR)
        .map(Finding::file).collect(Collectors.toSet());
    perFile.removeIf(finding -> finding.rule().equals(FormChecker.ID_RULE)
        && finding.severity() != Severity.ERROR && inError.contains(finding.file()));
  }

  private static String baseName(FormFile form) {
    String name = form.shipped().artifact().resourceName();
    return name.endsWith(".form") ? name.substring(0, name.length() - ".form".length()) : name;
  }

  private static Finding onForm(FormFile form, RuleInfo rule, String message) {
    // Where the per-file warning sits: the form's opening brace, on the first line as Modeler saves it.
    return form.shipped().file().finding(new Location(1, 1), "", rule.id(), Severity.ERROR, message,
        FormChecker.ID.fix());
  }
}
