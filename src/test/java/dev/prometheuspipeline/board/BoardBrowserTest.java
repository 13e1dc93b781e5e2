package dev.prometheuspipeline.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.PipelineApplicationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.client.ExternalTaskClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The release board in a real browser (headless Chromium over its DevTools protocol): a person logs in on the
 * webapps' login, finds the release this test started on the list, opens it, and watches its stages arrive
 * without reloading, until it waits for MS_PRODUTO.
 */
class BoardBrowserTest extends PipelineApplicationTest {
  private static final List<String> VALIDAR_STAGES = List.of("validate", "test", "sbom", "vulnerabilidades",
      "assinaturas");

  @Autowired ExternalTaskClient workers;
  @TempDir Path temp;

  @Test
  void theBoardListsTheReleaseAndItsStagesAppearAsTheyFinish() throws Exception {
    Chromium.requireInstalled();
    String base = "http://localhost:" + port;
    try (Chromium browser = Chromium.start(temp.resolve("profile"))) {
      browser.open(base + "/releases");
      assertThat(browser.eval("document.querySelector('#login').getAttribute('href')").asText())
          .isEqualTo("/camunda/app/welcome/default/");
      browser.logInToWebapps(base, "welcome", "bob", PASSWORD);

      browser.open(base + "/releases");
      awaitText(browser, "document.getElementById('live-status').textContent", "Live");
      // Held until the page is open, so every stage finishes while a person watches.
      workers.stop();
      String ref = uniqueRef("board");
      String id;
      try {
        id = startValidar("alice", ref, sampleArtifacts(git.head()));
        awaitText(browser, "(document.querySelector('tr.release[data-id=\"" + id + "\"] a') || {}).textContent",
            ref);

        browser.open(base + "/releases/" + id);
        assertThat(finished(browser)).isEmpty();
        assertThat(browser.eval("document.querySelector('.release').dataset.state").asText()).isEqualTo("running");
        browser.eval("window.samePage = 'not reloaded'");
      } finally {
        workers.start();
      }

      List<List<String>> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        List<String> now = finished(browser);
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
          seen.add(now);
        }
        assertThat(now).containsAll(VALIDAR_STAGES);
        assertThat(browser.eval("document.querySelector('.release').dataset.state").asText())
            .isEqualTo("awaiting_approval");
      });

      assertThat(browser.eval("window.samePage").asText()).as("the page was never reloaded").isEqualTo("not reloaded");
      assertThat(browser.eval("document.querySelector('.must-act').textContent").asText())
          .contains("waiting for ms-produto approval");
      // The sample products carry no README or CHANGELOG: the scored gate passes them with reservations.
      assertThat(browser.eval("document.querySelector('.gate .verdict').textContent").asText())
          .isEqualTo(release(id).at("/validar/regra_de_ouro/veredito").asText()).startsWith("aprovado");
      assertThat(browser.eval("[...document.querySelectorAll('.reports a')].map(a => a.textContent).join('|')")
          .asText()).contains("Validation report").contains("Test and coverage report").contains("SBOM");
      assertThat(browser.eval("document.querySelector('.stage[data-stage=\"validate\"] .duration').textContent")
          .asText()).matches("\\d+(\\.\\d)? m?s|\\d+ min \\d+ s");
      // Readable on a phone: nothing wider than the 390-pixel screen.
      assertThat(browser.eval("document.documentElement.scrollWidth <= window.innerWidth").asBoolean()).isTrue();
      System.out.println("board: finished stages as the page showed them: " + seen);
    }
  }

  /** Where the browser is and what it shows, for a failure's message. */
  private static String page(Chromium browser) {
    try {
      return browser.eval("location.href + '\\n' + document.body.innerText.slice(0, 2000)").asText();
    } catch (Exception | AssertionError e) {
      return "(page unreadable: " + e + ")";
    }
  }

  private static List<String> finished(Chromium browser) throws Exception {
    JsonNode names = browser.eval("[...document.querySelectorAll('.stage')]"
        + ".filter(s => s.dataset.status !== 'pending').map(s => s.dataset.stage)");
    List<String> list = new ArrayList<>();
    names.forEach(n -> list.add(n.asText()));
    return list;
  }

  private static void awaitText(Chromium browser, String expression, String expected) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(browser.eval("(() => { try { return " + expression
            + "; } catch (e) { return String(e); } })()").asText())
            .as(() -> page(browser)).isEqualTo(expected));
  }
}
