package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
  private static final String FILE = ".prometheus/suppressions.yaml";

  @Test
  void readsCompleteEntries() {
    Suppressions suppressions = Suppressions.parse("""
        - id: GHSA-35jh-r3h4-6jhm
          reason: the template function is never called with user input
          owner: ana
          expires: 2026-11-01
        """, FILE);

    assertThat(suppressions.problems()).isEmpty();
    assertThat(suppressions.entries()).containsExactly(new Suppression("GHSA-35jh-r3h4-6jhm",
        "the template function is never called with user input", "ana", LocalDate.of(2026, 11, 1)));
  }

  @Test
  void readsTheListUnderASuppressionsKeyToo() {
    Suppressions suppressions = Suppressions.parse("""
        suppressions:
          - {id: CVE-2021-44906, reason: dev tool only, owner: rui, expires: "2027-01-31"}
        """, FILE);

    assertThat(suppressions.entries()).extracting(Suppression::id).containsExactly("CVE-2021-44906");
  }

  @Test
  void namesEachMissingFieldWithTheEntrysIndex() {
    Suppressions suppressions = Suppressions.parse("""
        - id: GHSA-35jh-r3h4-6jhm
          reason: reviewed
          owner: ana
          expires: 2026-11-01
        - id: CVE-2021-44906
          expires: 2026-12-01
        - reason: no id at all
          owner: rui
          expires: 2026-12-01
        """, FILE);

    assertThat(suppressions.entries()).extracting(Suppression::id).containsExactly("GHSA-35jh-r3h4-6jhm");
    assertThat(suppressions.problems()).containsExactly(
        FILE + ": suppression [1] (CVE-2021-44906) has no reason; add it, or the suppression does not apply",
        FILE + ": suppression [1] (CVE-2021-44906) has no owner; add it, or the suppression does not apply",
        FILE + ": suppression [2] has no id; add it, or the suppression does not apply");
  }

  @Test
  void refusesAnExpiryThatIsNotAnIsoDate() {
    Suppressions suppressions = Suppressions.parse("""
        - {id: CVE-2021-44906, reason: dev tool only, owner: rui, expires: 01/11/2026}
        """, FILE);

    assertThat(suppressions.entries()).isEmpty();
    assertThat(suppressions.problems()).singleElement().asString()
        .isEqualTo(FILE + ": suppression [0] (CVE-2021-44906) expires \"01/11/2026\" is not an ISO date like "
            + "2026-11-01; the suppression does not apply");
  }

  @Test
  void reportsYamlThatCannotBeReadInsteadOfThrowing() {
    Suppressions suppressions = Suppressions.parse("- id: [unclosed\n", FILE);

    assertThat(suppressions.entries()).isEmpty();
    assertThat(suppressions.problems()).singleElement().asString().startsWith(FILE + ": not YAML at line");
  }

  @Test
  void matchesAnAdvisoryByAnyAlias() {
    Suppressions suppressions = Suppressions.of(List.of(
        new Suppression("CVE-2021-23337", "reviewed", "ana", LocalDate.of(2026, 11, 1))));
    Advisory advisory = new Advisory("GHSA-35jh-r3h4-6jhm", List.of("CVE-2021-23337"), "Command Injection in lodash",
        VulnerabilitySeverity.HIGH, Optional.of(7.2), Optional.empty());

    assertThat(suppressions.covering(advisory, LocalDate.of(2026, 6, 1)))
        .map(Suppression::owner).hasValue("ana");
  }

  @Test
  void holdsOnItsExpiryDayAndNotAfter() {
    Suppression suppression = new Suppression("GHSA-x", "reviewed", "ana", LocalDate.of(2026, 11, 1));

    assertThat(suppression.expiredOn(LocalDate.of(2026, 11, 1))).isFalse();
    assertThat(suppression.expiredOn(LocalDate.of(2026, 11, 2))).isTrue();
  }
}
