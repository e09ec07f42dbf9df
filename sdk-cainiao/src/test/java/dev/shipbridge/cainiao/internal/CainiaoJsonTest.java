package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Cainiao's wandering types read by the coercions of {@link CainiaoJson}. */
class CainiaoJsonTest {
  private static <T> T read(String json, Class<T> type) {
    return CainiaoJson.read(CainiaoJson.tree(json.getBytes(StandardCharsets.UTF_8)), type);
  }

  @Test
  void flagsAreReadFromBooleansStringsAndDigitsAndBlankIsNotSaid() {
    assertThat(read("{\"success\":\"true\"}", CainiaoWire.Envelope.class).flag()).isTrue();
    assertThat(read("{\"success\":1}", CainiaoWire.Envelope.class).flag()).isTrue();
    assertThat(read("{\"success\":\"0\"}", CainiaoWire.Envelope.class).flag()).isFalse();
    assertThat(read("{\"success\":false}", CainiaoWire.Envelope.class).flag()).isFalse();
    assertThat(read("{\"success\":\"\"}", CainiaoWire.Envelope.class).flag()).isNull();
    assertThat(read("{\"success\":{\"a\":1},\"code\":7}", CainiaoWire.Envelope.class).flag()).isNull();
    assertThat(read("{\"success\":{\"a\":1},\"code\":7}", CainiaoWire.Envelope.class).code()).isEqualTo("7");
  }

  @Test
  void numbersAreReadFromStringsAndUnreadableOrAbsurdOnesAreNull() {
    CainiaoWire.Timing t = read("{\"fast_timing\":\"12\",\"slowest_timing\":\"abc\"}", CainiaoWire.Timing.class);
    assertThat(t.fastTiming()).isEqualTo(12);
    assertThat(t.slowestTiming()).isNull();
    assertThat(read("{\"fast_timing\":1E+999999999}", CainiaoWire.Timing.class).fastTiming()).isNull();
    assertThat(read("{\"fast_timing\":2.5}", CainiaoWire.Timing.class).fastTiming()).isEqualTo(3);
    assertThat(CainiaoJson.decimal("1,815")).isEqualByComparingTo(new BigDecimal("1815"));
  }

  @Test
  void listsArriveAsArraysSingleObjectsWrappersOrJsonText() {
    String solution = "{\"code\":\"A\"}";
    for (String list : new String[] {"[" + solution + "]", solution, "{\"solution\":[" + solution + "]}",
        "\"[{\\\"code\\\":\\\"A\\\"}]\""}) {
      CainiaoWire.Inquiry q = read("{\"usable_solution_list\":" + list + "}", CainiaoWire.Inquiry.class);
      assertThat(q.usableSolutionList()).as(list).extracting(CainiaoWire.Solution::code).containsExactly("A");
    }
    assertThat(read("{\"usable_solution_list\":\"x\"}", CainiaoWire.Inquiry.class).usableSolutionList()).isEmpty();
    assertThat(read("{}", CainiaoWire.Inquiry.class).usableSolutionList()).isNull();
  }

  @Test
  void objectsArriveAsObjectsOrJsonTextAndAnythingElseIsNull() {
    assertThat(read("{\"result\":{\"logistics_order_id\":80012345678}}", CainiaoWire.Created.class).result()
        .logisticsOrderId()).isEqualTo("80012345678");
    assertThat(read("{\"result\":\"{\\\"lp_number\\\":\\\"LP1\\\"}\"}", CainiaoWire.Created.class).result()
        .logisticsOrderId()).isEqualTo("LP1");
    assertThat(read("{\"result\":[\"x\"]}", CainiaoWire.Created.class).result()).isNull();
    assertThat(read("{\"result\":\"plain\"}", CainiaoWire.Created.class).result()).isNull();
  }

  @Test
  void aDocumentIsRawTextWrappedTextOrAnObject() {
    assertThat(read("{\"result\":\"QUJD\"}", CainiaoWire.PrintInfo.class).result().body()).isEqualTo("QUJD");
    assertThat(read("{\"result\":\"{\\\"body\\\":\\\"QUJD\\\"}\"}", CainiaoWire.PrintInfo.class).result().body()).isEqualTo("QUJD");
    assertThat(read("{\"result\":{\"Body\":\"QUJD\"}}", CainiaoWire.PrintInfo.class).result().body()).isEqualTo("QUJD");
    assertThat(read("{\"data\":true}", CainiaoWire.Hsf.class).data().result()).isTrue();
    assertThat(read("{\"data\":\"false\"}", CainiaoWire.Hsf.class).data().result()).isFalse();
    assertThat(read("{\"data\":{\"result\":\"false\"}}", CainiaoWire.Hsf.class).data().result()).isFalse();
    assertThat(read("{\"location\":\"Brooklyn\"}", CainiaoWire.Trace.class).location().name()).isEqualTo("Brooklyn");
    assertThat(read("{\"location\":{\"city\":\"X\",\"state\":\"NY\"}}", CainiaoWire.Trace.class).location().province()).isEqualTo("NY");
  }

  @Test
  void requestsAreWrittenInSnakeCaseWithoutNulls() {
    assertThat(CainiaoJson.text(new CainiaoWire.UserInfo("seller", null))).isEqualTo("{\"login_id\":\"seller\"}");
  }

  @Test
  void unknownCodesAndTypesStayTextAndNeverFailTheParse() {
    var answer = Calls.replyOf("{\"is_success\":\"true\",\"result\":{\"usable_solution_list\":[{\"code\":\"NEW\","
        + "\"timing_list\":[{\"timing_type\":\"SOMETHING_NEW\",\"fast_timing\":\"5\",\"slowest_timing\":9}],"
        + "\"fee_list\":[{\"fee_type\":\"BRAND_NEW_FEE\",\"total_fee\":\"12.50\",\"currency\":\"CNY\"}]}]},"
        + "\"type\":\"NEVER_SEEN\"}", CainiaoWire.Inquiry.class);
    assertThat(answer.status().type()).isEqualTo("NEVER_SEEN");
    var quotes = QuoteMapper.fromWire(answer, dev.shipbridge.cainiao.TestData.quoteRequest(), Calls.read(QuoteMapper.METHOD),
        UsInductions.NONE);
    assertThat(quotes).singleElement().satisfies(q -> {
      assertThat(q.details()).containsEntry("timingType", "SOMETHING_NEW").containsEntry("feeType", "BRAND_NEW_FEE");
      assertThat(q.daysBasis()).isEqualTo(dev.shipbridge.model.DaysBasis.ESTIMATE);
      assertThat(q.minTransitDays()).isEqualTo(5);
    });
  }

  @Test
  void aSnakeCaseRecordsOwnNameWinsOverItsAliasesWhateverTheDocumentOrder() {
    CainiaoWire.CreatedOrder created = CainiaoJson.read(CainiaoJson.tree(
        "{\"logistics_order_id\":\"800123\",\"order_code\":\"XYZ\"}".getBytes(StandardCharsets.UTF_8)),
        CainiaoWire.CreatedOrder.class);
    CainiaoWire.OnlineRow row = CainiaoJson.read(CainiaoJson.tree(
        "{\"out_order_code\":\"abc\",\"lp_number\":\"LP00497621900001\"}".getBytes(StandardCharsets.UTF_8)),
        CainiaoWire.OnlineRow.class);

    assertThat(created.logisticsOrderId()).isEqualTo("800123");
    assertThat(row.lpNumber()).isEqualTo("LP00497621900001");
  }
}
