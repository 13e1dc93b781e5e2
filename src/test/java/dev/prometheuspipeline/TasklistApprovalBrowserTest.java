package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.board.Chromium;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval as people give it: in Camunda's own Tasklist, in headless Chromium. The requester opens the task,
 * sees the evidence on the form and is refused when claiming it; an approver finds it in the *Release approvals*
 * filter with its release, requester and verdict, claims it, ticks "Approve", writes a comment and completes it, and
 * the release goes on to implantar.
 */
class TasklistApprovalBrowserTest extends PipelineApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void theRequesterSeesTheEvidenceButIsRefusedAndAnApproverApprovesThroughTheForm() throws Exception {
    Chromium.requireInstalled();
    String base = "http://localhost:" + port;
    String ref = uniqueRef("tasklist");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval", Duration.ofMinutes(3));
    String taskId = approvalTaskId("bob", ref);
    String taskPage = base + "/camunda/app/tasklist/default/#/?task=" + taskId + "&detailsTab=form";

    try (Chromium browser = Chromium.start(temp.resolve("alice"), 1280, 1024)) {
      browser.open(base + "/releases");
      browser.logInToWebapps(base, "tasklist", "alice", PASSWORD);
      browser.open(taskPage);
      // The form's own text: the task list beside it shows "Regra de Ouro" too, as a filter column.
      awaitBody(browser, "Supply chain");
      String form = body(browser);
      assertThat(form).contains("Release " + ref, "Requested by alice", "Approve this release", "Supply chain");
      click(browser, "Claim");
      awaitBody(browser, "Four-eyes rule: alice");
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .as("the requester could not claim it").isNull();

    String filterId = as("bob").get("/engine-rest/filter?name=Release%20approvals").json().path(0).path("id").asText();
    Object verdict = engine.getTaskService().getVariable(taskId, "gateVerdict");
    try (Chromium browser = Chromium.start(temp.resolve("bob"), 1280, 1024)) {
      browser.open(base + "/releases");
      browser.logInToWebapps(base, "tasklist", "bob", PASSWORD);
      // The filter's columns: an approver may not read the release's variables, so these are the task's own.
      browser.open(base + "/camunda/app/tasklist/default/#/?filter=" + filterId);
      awaitBody(browser, ref);
      assertThat(body(browser)).contains("Requested by", "alice", "Regra de Ouro", String.valueOf(verdict));
      // Another document first: within Tasklist only the URL's fragment would change, and no new page loads.
      browser.open(base + "/releases");
      browser.open(taskPage);
      awaitBody(browser, "Supply chain");
      click(browser, "Claim");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee())
              .isEqualTo("bob"));
      // The form is form-js: a person's click and typing, as events the form listens to.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(browser.eval("!!document.querySelector('.fjs-form input[type=checkbox]')").asBoolean())
              .as(() -> body(browser)).isTrue());
      // The form's one checkbox is "Approve this release", its one text area the comment.
      browser.eval("document.querySelector('.fjs-form input[type=checkbox]').click()");
      browser.eval("(() => { const t = document.querySelector('.fjs-form textarea');"
          + " t.focus(); t.value = 'Revisado no Tasklist'; t.dispatchEvent(new Event('input', {bubbles: true}));"
          + " t.blur(); return true; })()");
      // form-js takes typed text after a short debounce (flushed on blur); a person takes longer than this too.
      Thread.sleep(1_000);
      click(browser, "Complete");
    }

    JsonNode decided = awaitState(id, "succeeded", Duration.ofMinutes(3));
    assertThat(decided.path("aprovacao").path("por").asText()).isEqualTo("bob");
    assertThat(decided.path("aprovacao").path("comentario").asText()).isEqualTo("Revisado no Tasklist");
  }

  /** Clicks the enabled button whose text is {@code label}, once it is there. */
  private static void click(Chromium browser, String label) {
    String find = "[...document.querySelectorAll('button')].find(b => b.textContent.trim() === "
        + quoted(label) + " && !b.disabled && b.offsetParent !== null)";
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(browser.eval("!!(" + find + ")").asBoolean()).as(() -> "button " + label + " in\n" + body(browser))
            .isTrue());
    try {
      browser.eval("(" + find + ").click()");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitBody(Chromium browser, String text) {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(body(browser)).contains(text));
  }

  private static String body(Chromium browser) {
    try {
      return browser.eval("location.href + '\\n' + document.body.innerText").asText();
    } catch (Exception | AssertionError e) {
      return "(page unreadable: " + e + ")";
    }
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
