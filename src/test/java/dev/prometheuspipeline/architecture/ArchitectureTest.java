package dev.prometheuspipeline.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.prometheuspipeline.stage.StageHandler;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;

/**
 * The packages are rooms: one per capability, each a plain-Java core with thin adapters at its edge
 * (stage handlers, controllers, HTTP clients), all pointing toward {@code release}, the domain values
 * and wire records. These rules keep it so; a rule that fails names the class and the dependency.
 */
@AnalyzeClasses(packages = "dev.prometheuspipeline", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "dev.prometheuspipeline";

  @ArchTest
  static final ArchRule packagesFormNoCycle =
      slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule releaseHoldsOnlyValues = noClasses().that().resideInAPackage(ROOT + ".release..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.camunda..", ROOT + ".run..",
          ROOT + ".stage..", ROOT + ".system..")
      .because("release holds the domain values and wire records every other package shares");

  @ArchTest
  static final ArchRule stageDependsOnlyOnRelease = noClasses().that().resideInAPackage(ROOT + ".stage..")
      .should().dependOnClassesThat(resideInAnyPackage(ROOT + "..").and(not(resideInAnyPackage(ROOT + ".stage..",
          ROOT + ".release.."))))
      .because("what every handler shares must not pull in any capability");

  @ArchTest
  static final ArchRule systemIsWiringOnly = noClasses().that().resideOutsideOfPackage(ROOT + ".system..")
      .should().dependOnClassesThat().resideInAPackage(ROOT + ".system..")
      .because("system wires the application together; nothing is built on top of it");

  /** Only the stage skeleton, the handlers and the client's wiring talk to the external-task client. */
  @ArchTest
  static final ArchRule onlyHandlersUseTheExternalTaskClient = noClasses()
      .that(not(simpleNameEndingWith("Handler")))
      .and().resideOutsideOfPackages(ROOT + ".stage..", ROOT + ".system..")
      .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.client..");

  /** Controllers (and the security wiring) are the only web-server code; cores never see a request. */
  @ArchTest
  static final ArchRule onlyControllersServeHttp = noClasses()
      .that(not(simpleNameEndingWith("Controller")))
      .and().resideOutsideOfPackages(ROOT + ".trigger..", ROOT + ".system..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.bind..",
          "org.springframework.web.servlet..", "org.springframework.web.filter..", "jakarta.servlet..",
          "org.springframework.http.server..");

  /** HTTP calls go through a named client (a target engine, a notification endpoint), built by Spring. */
  @ArchTest
  static final ArchRule onlyClientsCallHttp = noClasses()
      .that(not(simpleNameEndingWith("Client").or(simpleNameEndingWith("Clients"))
          .or(simpleNameEndingWith("Notifier"))))
      .and().resideOutsideOfPackages(ROOT + ".system..", ROOT + ".trigger..")
      .should().dependOnClassesThat().resideInAPackage("org.springframework.web.client..");

  /**
   * The engine's internals only where a sandbox or test engine is built. Elsewhere, five narrow
   * exceptions: {@code Authentication} (what the public IdentityService returns),
   * {@code FormFieldValidationException} (the one way to answer a Tasklist submission with 400), the
   * business calendars (validation judges timers with the engine's own arithmetic),
   * {@code DecisionEvaluationUtil} (the engine's own reading of a decision result) and the command context's
   * {@code runWithoutAuthorization} (a listener reading decisions deployed with its own process, as the
   * business rule task beside it does, whoever's call runs it).
   */
  @ArchTest
  static final ArchRule engineInternalsOnlyInEngineAdapters = noClasses()
      .that().resideOutsideOfPackages(ROOT + ".sandbox..", ROOT + ".testing..")
      .should().dependOnClassesThat(resideInAnyPackage("org.camunda.bpm.engine.impl..")
          .and(not(resideInAnyPackage("org.camunda.bpm.engine.impl.calendar..")))
          .and(not(HasName.Predicates.name("org.camunda.bpm.engine.impl.identity.Authentication")))
          .and(not(HasName.Predicates.name(
              "org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException")))
          .and(not(HasName.Predicates.name("org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil")))
          .and(not(HasName.Predicates.name("org.camunda.bpm.engine.impl.context.Context")))
          .and(not(HasName.Predicates.name("org.camunda.bpm.engine.impl.interceptor.CommandContext"))));

  @ArchTest
  static final ArchRule handlersAreNamedAndPrivateToTheirRoom = classes().that(assignableTo(StageHandler.class))
      .and().doNotHaveFullyQualifiedName(StageHandler.class.getName())
      .should().haveSimpleNameEndingWith("Handler").andShould().notBePublic()
      .andShould().beAnnotatedWith(ExternalTaskSubscription.class)
      .because("a handler adapts one topic to its capability's core and is used by nothing else");

  @ArchTest
  static final ArchRule handlersBuildNoJsonByHand = noClasses().that(simpleNameEndingWith("Handler"))
      .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
      .because("each etapa is a typed record of the contract; Jackson writes its wire form");
}
