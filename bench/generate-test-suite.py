#!/usr/bin/env python3
"""Writes the test stage benchmark's suite from one list of scenarios, twice:

- bench/test-suite/tests/*.json: Camunda Process Test JSON scenarios and a decision test file, as a
  product declares them for the pipeline's test stage (ModelTests);
- bench/junit-baseline/src/test/java/bench/*Test.java: the same scenarios as JUnit 5 tests with
  ProcessEngineExtension and camunda-bpm-assert, one method per scenario, the same assertions,
  as a team writes them today.

Both are committed; run this again after changing a scenario here (python3 bench/generate-test-suite.py).
The models (pedido.bpmn, envio.bpmn, desconto.dmn) sit beside the tests in bench/test-suite/.
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, "test-suite", "tests")
JAVA = os.path.join(HERE, "junit-baseline", "src", "test", "java", "bench")

TIERS = ["gold", "silver", "bronze"]
TOTALS = [5, 50, 99.5, 100, 250, 1000]


def discount(tier, total):
    """The decision table desconto (hit policy FIRST), so expectations are computed, not copied."""
    if tier == "gold" and total >= 100:
        return {"discount": 0.1, "reason": "gold customer, order of 100 or more"}
    if tier == "gold":
        return {"discount": 0.05, "reason": "gold customer"}
    if tier == "silver":
        return {"discount": 0.02, "reason": "silver customer"}
    return {"discount": 0.0, "reason": "no discount for this tier"}


# Steps: (kind, args). Each kind is rendered to a CPT instruction (or nothing, when the pipeline's runner
# does it by itself) and to Java.

def start(key, variables):
    return ("start", {"key": key, "variables": variables})


def complete_external(topic, variables):
    return ("external", {"topic": topic, "variables": variables})


def throw_error(topic, code, message):
    return ("error", {"topic": topic, "code": code, "message": message})


def complete_user_task(element, variables):
    return ("user", {"element": element, "variables": variables})


def run_async(element):
    # The pipeline's runner executes due jobs after every action; a JUnit test must do it itself.
    return ("async", {"element": element})


def increase_time(hours):
    return ("time", {"hours": hours})


def signal(name):
    return ("signal", {"name": name})


def correlate(name, key, variables):
    return ("message", {"name": name, "key": key, "variables": variables})


def waits_at(element):
    return ("waits", {"element": element})


def user_task_open(element, group):
    return ("task", {"element": element, "group": group})


def ended():
    return ("ended", {})


def not_ended():
    return ("active", {})


def passed(*elements):
    return ("passed", {"elements": list(elements)})


def passed_in_order(*elements):
    return ("order", {"elements": list(elements)})


def not_passed(*elements):
    return ("notpassed", {"elements": list(elements)})


def variables(values):
    return ("vars", {"values": values})


PROCESS = {"processDefinitionId": "pedido"}


def cpt(step):
    kind, a = step
    if kind == "start":
        return {"type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": PROCESS,
                "businessKey": a["key"], "variables": a["variables"]}
    if kind == "external":
        return {"type": "COMPLETE_JOB", "jobSelector": {"jobType": a["topic"]}, "variables": a["variables"]}
    if kind == "error":
        return {"type": "THROW_BPMN_ERROR_FROM_JOB", "jobSelector": {"jobType": a["topic"]},
                "errorCode": a["code"], "errorMessage": a["message"]}
    if kind == "user":
        return {"type": "COMPLETE_USER_TASK", "userTaskSelector": {"elementId": a["element"]},
                "variables": a["variables"]}
    if kind == "async":
        return None
    if kind == "time":
        return {"type": "INCREASE_TIME", "duration": "PT%dH" % a["hours"]}
    if kind == "signal":
        return {"type": "BROADCAST_SIGNAL", "signalName": a["name"]}
    if kind == "message":
        return {"type": "CORRELATE_MESSAGE", "name": a["name"], "correlationKey": a["key"],
                "variables": a["variables"]}
    if kind == "waits":
        return {"type": "ASSERT_ELEMENT_INSTANCE", "processInstanceSelector": PROCESS,
                "elementSelector": {"elementId": a["element"]}, "state": "IS_ACTIVE"}
    if kind == "task":
        return {"type": "ASSERT_USER_TASK", "userTaskSelector": {"elementId": a["element"]},
                "state": "IS_CREATED", "candidateGroups": [a["group"]]}
    if kind == "ended":
        return {"type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": PROCESS, "state": "IS_COMPLETED"}
    if kind == "active":
        return {"type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": PROCESS, "state": "IS_ACTIVE"}
    if kind in ("passed", "order", "notpassed"):
        state = {"passed": "IS_COMPLETED", "order": "IS_COMPLETED_IN_ORDER", "notpassed": "IS_NOT_ACTIVATED"}[kind]
        return {"type": "ASSERT_ELEMENT_INSTANCES", "processInstanceSelector": PROCESS,
                "elementSelectors": [{"elementId": e} for e in a["elements"]], "state": state}
    if kind == "vars":
        return {"type": "ASSERT_VARIABLES", "processInstanceSelector": PROCESS, "variables": a["values"]}
    raise ValueError(kind)


def java_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, dict):
        return "Map.of(" + ", ".join(json.dumps(k) + ", " + java_value(v) for k, v in value.items()) + ")"
    raise ValueError(value)


def java_map(values):
    if not values:
        return "Map.of()"
    return "Map.<String, Object>of(" + ", ".join(json.dumps(k) + ", " + java_value(v) for k, v in values.items()) + ")"


def java_args(elements):
    return ", ".join(json.dumps(e) for e in elements)


def java(step):
    kind, a = step
    if kind == "start":
        return ["ProcessInstance order = runtimeService().startProcessInstanceByKey(\"pedido\", %s, %s);"
                % (json.dumps(a["key"]), java_map(a["variables"]))]
    if kind == "external":
        return ["complete(externalTaskQuery().topicName(%s).singleResult(), %s);"
                % (json.dumps(a["topic"]), java_map(a["variables"]))]
    if kind == "error":
        return ["throwBpmnError(%s, %s, %s);" % (json.dumps(a["topic"]), json.dumps(a["code"]), json.dumps(a["message"]))]
    if kind == "user":
        return ["complete(taskQuery().processInstanceId(order.getId()).taskDefinitionKey(%s).singleResult(), %s);"
                % (json.dumps(a["element"]), java_map(a["variables"]))]
    if kind == "async":
        return ["execute(jobQuery().activityId(%s).singleResult());" % json.dumps(a["element"])]
    if kind == "time":
        return ["increaseTime(Duration.ofHours(%d));" % a["hours"]]
    if kind == "signal":
        return ["runtimeService().signalEventReceived(%s);" % json.dumps(a["name"])]
    if kind == "message":
        return ["runtimeService().correlateMessage(%s, %s, %s);"
                % (json.dumps(a["name"]), json.dumps(a["key"]), java_map(a["variables"]))]
    if kind == "waits":
        return ["assertThat(order).isWaitingAt(%s);" % json.dumps(a["element"])]
    if kind == "task":
        return ["assertThat(order).task(%s).hasCandidateGroup(%s);" % (json.dumps(a["element"]), json.dumps(a["group"]))]
    if kind == "ended":
        return ["assertThat(order).isEnded();"]
    if kind == "active":
        return ["assertThat(order).isNotEnded();"]
    if kind == "passed":
        return ["assertThat(order).hasPassed(%s);" % java_args(a["elements"])]
    if kind == "order":
        return ["assertThat(order).hasPassedInOrder(%s);" % java_args(a["elements"])]
    if kind == "notpassed":
        return ["assertThat(order).hasNotPassed(%s);" % java_args(a["elements"])]
    if kind == "vars":
        return ["assertThat(order).variables().containsEntry(%s, %s);" % (json.dumps(k), java_value(v))
                for k, v in a["values"].items()]
    raise ValueError(kind)


def families():
    """Scenario families of the order process: file name → [(scenario name, steps)]."""
    out = {}
    n = [0]

    def key():
        n[0] += 1
        return "P-%d" % n[0]

    shipped = []
    for tier in TIERS:
        for total in TOTALS:
            k = key()
            d = discount(tier, total)
            shipped.append(("Approved %s order of %s is discounted %s, shipped and paid" % (tier, total, d["discount"]), [
                start(k, {"tier": tier, "total": total}),
                waits_at("Task_CheckStock"),
                complete_external("estoque.verificar", {"inStock": True}),
                user_task_open("Task_Approve", "ms-produto"),
                complete_user_task("Task_Approve", {"approved": True}),
                run_async("Task_Discount"),
                complete_external("envio.reservar", {"carrier": "Correios"}),
                waits_at("Event_PaymentReceived"),
                variables({"discount": d, "carrier": "Correios", "tier": tier}),
                correlate("PagamentoRecebido", k, {"paid": True}),
                ended(),
                passed_in_order("Task_CheckStock", "Task_Approve", "Task_Discount", "Task_Ship", "EndEvent_Approved"),
            ]))
    out["pedido-aprovado"] = shipped

    rejected = []
    for i in range(15):
        tier, total = TIERS[i % 3], TOTALS[i % len(TOTALS)] + i
        rejected.append(("Rejected %s order of %s ends without shipping (case %d)" % (tier, total, i + 1), [
            start(key(), {"tier": tier, "total": total}),
            complete_external("estoque.verificar", {"inStock": True}),
            complete_user_task("Task_Approve", {"approved": False}),
            ended(),
            passed("EndEvent_Rejected"),
            not_passed("Task_Discount", "Task_Ship"),
        ]))
    out["pedido-rejeitado"] = rejected

    missing = []
    for i in range(15):
        tier, total = TIERS[i % 3], 10 * (i + 1)
        missing.append(("%s order of %s not in stock ends out of stock (case %d)" % (tier.capitalize(), total, i + 1), [
            start(key(), {"tier": tier, "total": total}),
            complete_external("estoque.verificar", {"inStock": False}),
            ended(),
            passed("EndEvent_OutOfStock"),
            not_passed("Task_Approve"),
        ]))
    out["pedido-sem-estoque"] = missing

    errors = []
    for i in range(15):
        tier, total = TIERS[i % 3], 20 * (i + 1)
        errors.append(("Stock check of a %s order of %s throws out of stock (case %d)" % (tier, total, i + 1), [
            start(key(), {"tier": tier, "total": total}),
            throw_error("estoque.verificar", "OUT_OF_STOCK", "no units left of item %d" % (i + 1)),
            ended(),
            passed("Event_StockError", "EndEvent_OutOfStock"),
            not_passed("Gateway_InStock", "Task_Approve"),
        ]))
    out["pedido-erro-estoque"] = errors

    timers = []
    for i in range(15):
        hours = 48 + 12 * i
        tier, total = TIERS[i % 3], 30 + i
        timers.append(("Approval of a %s order left %d hours expires" % (tier, hours), [
            start(key(), {"tier": tier, "total": total}),
            complete_external("estoque.verificar", {"inStock": True}),
            waits_at("Task_Approve"),
            increase_time(hours),
            ended(),
            passed("Event_ApprovalExpired", "EndEvent_Expired"),
            not_passed("Gateway_Approved"),
        ]))
    for i in range(10):
        hours = 1 + 5 * i
        tier, total = TIERS[i % 3], 60 + i
        timers.append(("Approval of a %s order left %d hours still waits" % (tier, hours), [
            start(key(), {"tier": tier, "total": total}),
            complete_external("estoque.verificar", {"inStock": True}),
            increase_time(hours),
            not_ended(),
            waits_at("Task_Approve"),
            not_passed("Event_ApprovalExpired"),
        ]))
    out["pedido-prazo"] = timers

    cancelled = []
    for i in range(15):
        tier, total = TIERS[i % 3], 70 + 3 * i
        cancelled.append(("Cancelling a %s order of %s while it waits for approval ends it (case %d)" % (tier, total, i + 1), [
            start(key(), {"tier": tier, "total": total}),
            complete_external("estoque.verificar", {"inStock": True}),
            user_task_open("Task_Approve", "ms-produto"),
            signal("PedidoCancelado"),
            ended(),
            passed("Event_OrderCancelled", "EndEvent_Cancelled"),
            not_passed("Gateway_Approved"),
        ]))
    out["pedido-cancelado"] = cancelled

    unpaid = []
    for i in range(10):
        tier, total = TIERS[i % 3], 100 + 25 * i
        d = discount(tier, total)
        unpaid.append(("Shipped %s order of %s waits for its payment" % (tier, total), [
            start(key(), {"tier": tier, "total": total}),
            complete_external("estoque.verificar", {"inStock": True}),
            complete_user_task("Task_Approve", {"approved": True}),
            run_async("Task_Discount"),
            complete_external("envio.reservar", {"carrier": "Jadlog"}),
            not_ended(),
            waits_at("Event_PaymentReceived"),
            passed("Task_Ship"),
            not_passed("EndEvent_Approved"),
            variables({"discount": d, "carrier": "Jadlog"}),
        ]))
    out["pedido-aguarda-pagamento"] = unpaid
    return out


def decision_cases():
    cases = []
    for tier in TIERS + ["platinum"]:
        for total in TOTALS:
            d = discount(tier, total)
            cases.append(("%s customer, order of %s: %s" % (tier.capitalize(), total, d["reason"]),
                          {"tier": tier, "total": total}, d))
    return cases


def java_method_name(name):
    words = re.sub(r"[^A-Za-z0-9]+", " ", name).split()
    first, rest = words[0].lower(), "".join(w[:1].upper() + w[1:] for w in words[1:])
    return first + rest


def class_name(file_stem):
    return "".join(part.capitalize() for part in file_stem.split("-")) + "Test"


JAVA_HEADER = """package bench;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Generated by bench/generate-test-suite.py from the scenarios of bench/test-suite/tests/%(file)s.json. */
@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = {"pedido.bpmn", "envio.bpmn", "desconto.dmn"})
class %(cls)s {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static void increaseTime(Duration by) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
    jobQuery().executable().list().forEach(job -> execute(job));
  }

  private static void throwBpmnError(String topic, String code, String message) {
    LockedExternalTask task = externalTaskService().fetchAndLock(1, "bench").topic(topic, 60_000).execute().get(0);
    externalTaskService().handleBpmnError(task.getId(), "bench", code, message);
  }
"""


def write_java(file_stem, scenarios):
    lines = [JAVA_HEADER % {"file": file_stem, "cls": class_name(file_stem)}]
    for name, steps in scenarios:
        lines.append("  @Test")
        lines.append("  void %s() {" % java_method_name(name))
        for step in steps:
            for line in java(step):
                lines.append("    " + line)
        lines.append("  }")
        lines.append("")
    lines[-1] = "}"
    with open(os.path.join(JAVA, class_name(file_stem) + ".java"), "w") as f:
        f.write("\n".join(lines) + "\n")


def write_decision_java(cases):
    lines = ["""package bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.decisionService;

import java.util.Map;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Generated by bench/generate-test-suite.py from bench/test-suite/tests/desconto.dmn-test.json. */
@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = "desconto.dmn")
class DescontoTest {

  private static Map<String, Object> discount(Map<String, Object> inputs) {
    return decisionService().evaluateDecisionTableByKey("desconto", inputs).getSingleResult().getEntryMap();
  }
"""]
    for name, inputs, expected in cases:
        lines.append("  @Test")
        lines.append("  void %s() {" % java_method_name(name))
        lines.append("    assertThat(discount(%s)).isEqualTo(%s);" % (java_map(inputs), java_value(expected)))
        lines.append("  }")
        lines.append("")
    lines[-1] = "}"
    with open(os.path.join(JAVA, "DescontoTest.java"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    os.makedirs(TESTS, exist_ok=True)
    os.makedirs(JAVA, exist_ok=True)
    total = 0
    for stem, scenarios in families().items():
        document = {
            "$schema": "https://camunda.com/json-schema/cpt-test-cases/8.9/schema.json",
            "testCases": [{"name": name, "instructions": [i for i in map(cpt, steps) if i is not None]}
                          for name, steps in scenarios],
        }
        with open(os.path.join(TESTS, stem + ".json"), "w") as f:
            json.dump(document, f, indent=1)
            f.write("\n")
        write_java(stem, scenarios)
        total += len(scenarios)
    cases = decision_cases()
    with open(os.path.join(TESTS, "desconto.dmn-test.json"), "w") as f:
        json.dump({"decision": "desconto", "cases": [
            {"name": name, "inputs": inputs, "expected": expected} for name, inputs, expected in cases]}, f, indent=1)
        f.write("\n")
    write_decision_java(cases)
    print("%d process scenarios, %d decision cases" % (total, len(cases)))


if __name__ == "__main__":
    main()
