package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.BpmnModel.describe;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;

/**
 * Timer values, read by the engine's own business calendars. The engine stores a timer's text as an
 * expression at deploy and reads it only when the timer is created, so a bad value deploys and then
 * fails the first time a token reaches the event.
 */
final class TimerRule implements BpmnRule {
  static final RuleInfo TIMER_VALUE = RuleInfo.lint("bpmn-timer-value", "bpmn", Severity.ERROR,
      "Timer values are ISO 8601 dates, durations, repeating intervals or cron expressions",
      "The engine deploys any timer text and reads it only when a token arrives: a bad value then fails"
          + " the transaction (or, on a start event, the deployment).",
      "timeDate: an ISO 8601 date-time (2026-12-31T23:59:00Z); timeDuration: an ISO 8601 duration (PT15M,"
          + " P2D); timeCycle: a repeating interval (R3/PT10M) or a cron expression (0 0 9 * * MON-FRI)");

  static final List<RuleInfo> RULES = List.of(TIMER_VALUE);

  @Override
  public List<Finding> check(BpmnModel model) {
    List<Finding> findings = new ArrayList<>();
    for (TimerEventDefinition timer : model.all(TimerEventDefinition.class)) {
      check(model, timer, timer.getTimeDate(), "timeDate", new DueDateBusinessCalendar(), findings);
      check(model, timer, timer.getTimeDuration(), "timeDuration", new DurationBusinessCalendar(), findings);
      check(model, timer, timer.getTimeCycle(), "timeCycle", new CycleBusinessCalendar(), findings);
    }
    return findings;
  }

  private static void check(BpmnModel model, TimerEventDefinition timer, BaseElement value, String kind,
      BusinessCalendar calendar, List<Finding> findings) {
    if (value == null) {
      return;
    }
    String text = value.getTextContent() == null ? "" : value.getTextContent().strip();
    if (JuelRule.isExpression(text)) {
      // Only known at run time; JuelRule checks that it compiles.
      return;
    }
    String event = describe(timer.getParentElement());
    if (text.isEmpty()) {
      findings.add(model.finding(TIMER_VALUE, timer.getParentElement(), event + " has an empty " + kind));
      return;
    }
    try {
      calendar.resolveDuedate(text);
    } catch (RuntimeException e) {
      findings.add(model.finding(TIMER_VALUE, timer.getParentElement(),
          event + " has " + kind + " '" + text + "', which the engine deploys but cannot read when the timer"
              + " starts: ENGINE-09027 Exception while resolving duedate '" + text + "': " + reason(e)));
    }
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return EngineMessages.clean(message);
  }
}
