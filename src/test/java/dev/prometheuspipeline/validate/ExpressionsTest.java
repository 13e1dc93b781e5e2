package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpressionsTest {
  @Test
  void readsTheRootIdentifiersOfAnExpression() {
    assertThat(Expressions.juelNames("${approved && score > limit}")).containsExactly("approved", "score", "limit");
  }

  @Test
  void aPropertyAfterADotIsPartOfItsRootVariable() {
    assertThat(Expressions.juelNames("${order.amount > 100}")).containsExactly("order");
  }

  @Test
  void theBeanOfAMethodCallIsNotAVariableButItsArgumentsAre() {
    assertThat(Expressions.juelNames("${mailer.send(to, subject)}")).containsExactly("to", "subject");
  }

  @Test
  void builtInsKeywordsAndFunctionsAreNeverVariables() {
    assertThat(Expressions.juelNames(
        "#{execution.getVariable('x') != null and not empty task and loopCounter lt nrOfInstances"
            + " and dateTime().isAfter(due) and fn:size(authenticatedUserId) == 1}"))
        .containsExactly("due");
  }

  @Test
  void textInsideStringLiteralsIsNotRead() {
    assertThat(Expressions.juelNames("${status == 'approved by boss' || \"other\" == kind}"))
        .containsExactly("status", "kind");
  }

  @Test
  void aLiteralWithoutAnExpressionReadsNothing() {
    assertThat(Expressions.juelNames("ms-produto")).isEmpty();
    assertThat(Expressions.isExpression("ms-produto")).isFalse();
  }

  @Test
  void everyExpressionInAMixedTextIsRead() {
    assertThat(Expressions.juelNames("R3/${start}/PT${hours}H")).containsExactly("start", "hours");
  }
}
