package dev.shipbridge.testkit;

import static dev.shipbridge.testkit.CanonicalAnswers.CAINIAO;
import static dev.shipbridge.testkit.CanonicalAnswers.USPS;
import static dev.shipbridge.testkit.CanonicalAnswers.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalAnswersTest {
  @Test
  void aWholeValuePlaceholderTakesAnyValueAndANullLeavesTheMemberOut() {
    Map<String, Object> cancel = CanonicalAnswers.tree(USPS, "cancel",
        values("trackingNumber", "9205590982952107001084", "status", "CANCELED", "disputeId", null));
    assertThat(cancel).containsExactly(Map.entry("trackingNumber", "9205590982952107001084"),
        Map.entry("status", "CANCELED"));
    Map<String, Object> inquiry = CanonicalAnswers.tree(CAINIAO, "solution-inquiry",
        values("solutions", List.of(Map.of("code", "CAINIAO_STANDARD"))));
    assertThat(inquiry).containsEntry("is_success", true)
        .containsEntry("result", Map.of("usable_solution_list", List.of(Map.of("code", "CAINIAO_STANDARD"))));
  }

  @Test
  void aPlaceholderInsideAStringIsReplacedByTheValuesText() {
    Map<String, Object> solution = CanonicalAnswers.tree(CAINIAO, "solution", values("code", "CAINIAO_STANDARD",
        "name", "Cainiao Standard Shipping", "recommendIndex", 90, "fastDays", 7, "slowestDays", 15, "feeFen", 1815));
    @SuppressWarnings("unchecked")
    Map<String, Object> timing = ((List<Map<String, Object>>) solution.get("timing_list")).get(0);
    assertThat(timing).containsEntry("display_text", "7-15 days").containsEntry("fast_timing", 7);
  }

  @Test
  void aPlaceholderWithoutAValueIsAnErrorNamingIt() {
    assertThatThrownBy(() -> CanonicalAnswers.json(USPS, "cancel", values("trackingNumber", "1", "status", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{disputeId}}");
  }

  @Test
  void fillingTwiceGivesIndependentAnswers() {
    Map<String, Object> a = CanonicalAnswers.tree(USPS, "cancel", values("trackingNumber", "1", "status", "CANCELED",
        "disputeId", null));
    a.put("status", "changed");
    assertThat(CanonicalAnswers.tree(USPS, "cancel", values("trackingNumber", "1", "status", "CANCELED",
        "disputeId", null))).containsEntry("status", "CANCELED");
  }

  @Test
  void everyListedAnswerIsAJsonObjectWhoseEveryPlaceholderCanBeFilled() {
    for (String folder : List.of(USPS, CAINIAO)) {
      assertThat(CanonicalAnswers.names(folder)).isNotEmpty().doesNotHaveDuplicates();
      for (String name : CanonicalAnswers.names(folder)) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        for (String p : CanonicalAnswers.placeholders(folder, name)) all.put(p, "v");
        assertThat(CanonicalAnswers.json(folder, name, all)).as(folder + name).startsWith("{").doesNotContain("{{");
      }
    }
  }

  @Test
  void anUnknownAnswerIsAnError() {
    assertThatThrownBy(() -> CanonicalAnswers.template(USPS, "no-such-answer"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-answer");
  }
}
