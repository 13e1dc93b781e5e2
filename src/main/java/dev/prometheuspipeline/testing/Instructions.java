package dev.prometheuspipeline.testing;

import java.util.Map;
import java.util.Set;

/**
 * Every instruction a scenario may use: the Camunda Process Test 8.9 types, each mapped to Camunda 7 or
 * refused with the reason it has no Camunda 7 meaning, and the Camunda 7 additions ({@code C7_…}).
 * {@code docs/test-cases.md} documents the same table for people.
 */
final class Instructions {
  /** Type → why it cannot run on Camunda 7. */
  static final Map<String, String> NOT_APPLICABLE = Map.of(
      "COMPLETE_JOB_AD_HOC_SUB_PROCESS",
          "Camunda 7 does not execute ad-hoc sub-processes, so there is no ad-hoc sub-process job to complete",
      "COMPLETE_JOB_USER_TASK_LISTENER",
          "Camunda 7 task listeners run inside the engine (Java, expressions, scripts); there is no task listener "
              + "job a test could complete",
      "ASSERT_VARIABLE",
          "its satisfiesJudge assertion asks a language model to judge the value, and tests run with no network; "
              + "use ASSERT_VARIABLES with the expected value");

  static final Set<String> KNOWN = Set.of(
      "ASSERT_DECISION", "ASSERT_ELEMENT_INSTANCE", "ASSERT_ELEMENT_INSTANCES", "ASSERT_PROCESS_INSTANCE",
      "ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION", "ASSERT_USER_TASK", "ASSERT_VARIABLE", "ASSERT_VARIABLES",
      "BROADCAST_SIGNAL", "COMPLETE_JOB", "COMPLETE_JOB_AD_HOC_SUB_PROCESS", "COMPLETE_JOB_USER_TASK_LISTENER",
      "COMPLETE_USER_TASK", "CREATE_PROCESS_INSTANCE", "EVALUATE_DECISION", "MOCK_CHILD_PROCESS",
      "MOCK_DMN_DECISION", "MOCK_JOB_WORKER_COMPLETE_JOB", "MOCK_JOB_WORKER_THROW_BPMN_ERROR", "PUBLISH_MESSAGE",
      "CORRELATE_MESSAGE", "RESOLVE_INCIDENT", "SET_TIME", "EVALUATE_CONDITIONAL_START_EVENT", "INCREASE_TIME",
      "THROW_BPMN_ERROR_FROM_JOB", "UPDATE_VARIABLES",
      "C7_COMPLETE_EXTERNAL_TASK", "C7_THROW_BPMN_ERROR_FROM_EXTERNAL_TASK", "C7_FAIL_EXTERNAL_TASK",
      "C7_FIRE_TIMER", "C7_ASSERT_INCIDENT");

  private Instructions() {}
}
