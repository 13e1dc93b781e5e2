package dev.prometheuspipeline.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTest {
  @Test
  void escapesWhatWouldOpenABlockAtTheStartOfALine() {
    assertThat(MarkdownText.text("# Title")).isEqualTo("\\# Title");
    assertThat(MarkdownText.text("- item")).isEqualTo("\\- item");
    assertThat(MarkdownText.text("> quote")).isEqualTo("\\> quote");
    assertThat(MarkdownText.text("12. Approve")).isEqualTo("12\\. Approve");
    assertThat(MarkdownText.text("Step 2. Approve - now")).isEqualTo("Step 2. Approve - now");
  }

  @Test
  void turnsLineBreaksAndControlCharactersIntoSpaces() {
    assertThat(MarkdownText.text("a\r\nb\tc\u2028d")).isEqualTo("a  b c d");
  }

  @Test
  void escapesInlineMarkupHtmlAndEntities() {
    assertThat(MarkdownText.text("a_b *c* [d](e) <b> &amp; ~f~ \\")).isEqualTo(
        "a\\_b \\*c\\* \\[d\\](e) \\<b\\> \\&amp; \\~f\\~ \\\\");
  }

  @Test
  void writesPlainTokensAsCodeAndAnythingElseAsEscapedText() {
    assertThat(MarkdownText.code("0a1b")).isEqualTo("`0a1b`");
    assertThat(MarkdownText.code("/api/runs/r-1/sbom")).isEqualTo("`/api/runs/r-1/sbom`");
    assertThat(MarkdownText.code("a`b|c")).isEqualTo("a\\`b\\|c");
    assertThat(MarkdownText.code("")).isEmpty();
  }
}
