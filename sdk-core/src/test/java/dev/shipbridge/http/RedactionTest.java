package dev.shipbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private final Redaction r = Redaction.defaults();

  @Test
  void hidesSecretHeadersWhateverTheirCase() {
    String out = r.headers(Headers.of("authorization", "Bearer tok-123", "X-Payment-Authorization-Token", "pay-456",
        "Set-Cookie", "sid=789", "Accept", "application/json"));

    assertThat(out).doesNotContain("tok-123", "pay-456", "sid=789").contains("Accept: application/json");
  }

  @Test
  void hidesSecretAndPersonalJsonFieldsAtAnyDepth() {
    String body = "{\"client_secret\":\"cs-1\",\"toAddress\":{\"firstName\":\"Ada\",\"LAST_NAME\":\"Lovelace\","
        + "\"streetAddress\":\"2 Elm St\",\"city\":\"Denver\",\"ZIPCode\":\"80202\"},"
        + "\"contacts\":[{\"phone\":\"+1 555 0100\",\"email\":\"ada@example.com\"}],\"note\":\"mail ada@example.com\","
        + "\"receiver_name\":\"Ada\",\"sign\":\"ABCDEF\",\"refresh_token\":\"rt-9\"}";

    String out = r.body(body.getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(out).doesNotContain("cs-1", "Ada", "Lovelace", "2 Elm St", "555 0100", "ada@example.com", "ABCDEF", "rt-9")
        .contains("Denver", "80202", Redaction.MASK);
  }

  @Test
  void hidesFormFieldsAndJsonInsideThem() {
    String form = "app_key=123&sign=SIGNATURE&data_digest=DIGEST&logistics_interface="
        + "%7B%22receiver%22%3A%7B%22name%22%3A%22Li%20Lei%22%2C%22mobile%22%3A%2213800000000%22%7D%7D";

    String out = r.body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");

    assertThat(out).doesNotContain("SIGNATURE", "DIGEST", "Li Lei", "13800000000").contains("app_key=123");
  }

  @Test
  void hidesQueryParameters() {
    okhttp3.Request request = new okhttp3.Request.Builder()
        .url("https://apis.usps.com/addresses/v3/address?streetAddress=2%20Elm%20St&city=Denver&access_token=t1").build();

    assertThat(RedactingLoggingInterceptor.target(request, r)).doesNotContain("Elm", "t1").contains("city=Denver");
  }

  @Test
  void adaptersExtendTheFieldList() {
    Redaction extended = r.withFields("buyer_memo").withHeaders("X-Secret");

    assertThat(extended.isRedactedField("buyerMemo")).isTrue();
    assertThat(extended.isRedactedHeader("x-secret")).isTrue();
    assertThat(r.isRedactedField("buyerMemo")).isFalse();
  }

  @Test
  void neverLogsTheContentOfOtherBodies() {
    String out = r.body("<html>Ada Lovelace</html>".getBytes(StandardCharsets.UTF_8), "text/html");

    assertThat(out).doesNotContain("Ada").contains("bytes", "text/html");
  }

  @Test
  void leavesUspsServiceProductFeeAndCommitmentNamesReadableButMasksPersonalNames() {
    String body = "{\"rates\":[{\"mailClass\":\"PRIORITY_MAIL\",\"productName\":\"Priority Mail Padded Flat Rate Envelope\","
        + "\"fees\":[{\"name\":\"Nonstandard Length fee\",\"SKU\":\"DPXX\",\"price\":4}]}],"
        + "\"extraServices\":[{\"extraService\":\"920\",\"name\":\"USPS Tracking\",\"SKU\":\"DX\"}],"
        + "\"extraServicesByID\":[{\"serviceID\":\"930\",\"serviceName\":\"Insurance\"}],"
        + "\"commitment\":{\"name\":\"1-Day\",\"scheduleDeliveryDate\":\"2026-03-03\"},"
        + "\"toAddress\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"firm\":\"Analytical Engines\"},"
        + "\"contact\":{\"name\":\"Grace Hopper\"},\"name\":\"Charles Babbage\","
        + "\"services\":[{\"name\":\"Alan Turing\",\"phone\":\"+1 555 0100\"}]}";

    String out = r.body(body.getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(out).contains("Priority Mail Padded Flat Rate Envelope", "PRIORITY_MAIL", "Nonstandard Length fee",
        "USPS Tracking", "Insurance", "1-Day");
    assertThat(out).doesNotContain("Ada", "Lovelace", "Analytical Engines", "Grace Hopper", "Charles Babbage",
        "Alan Turing", "555 0100");
  }

  @Test
  void leavesCainiaoSolutionNamesReadableButMasksReceiverAndSenderNames() {
    String form = "app_key=1&order_param=" + java.net.URLEncoder.encode("{\"receiver_param\":{\"name\":\"Li Lei\","
        + "\"mobile_phone\":\"13800000000\"},\"sender\":{\"name\":\"Han Meimei\"},"
        + "\"solution_param\":{\"solution_code\":\"CAINIAO_STANDARD\",\"name\":\"Zhang Wei\",\"email\":\"z@w.cn\"}}",
        StandardCharsets.UTF_8);
    String answer = "{\"result\":{\"usable_solution_list\":[{\"code\":\"CAINIAO_STANDARD\","
        + "\"name\":\"Cainiao Standard Shipping\"}]}}";

    String request = r.body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    String response = r.body(answer.getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(request).contains("CAINIAO_STANDARD").doesNotContain("Li Lei", "13800000000", "Han Meimei", "Zhang Wei");
    assertThat(response).contains("Cainiao Standard Shipping");
  }

  @Test
  void aHolderNamesOffersOnlyByItsLastWholeWordSoOperatorsAndContactsKeepTheirNamesMasked() {
    String body = "{\"operator\":{\"name\":\"Ada Lovelace\"},\"corporateContact\":{\"name\":\"Grace Hopper\"},"
        + "\"serviceContact\":{\"name\":\"Alan Turing\"},\"fragrance\":{\"name\":\"Charles Babbage\"},"
        + "\"rateOptions\":[{\"name\":\"Ground Advantage\"}],\"mail_class\":{\"name\":\"Priority Mail\"},"
        + "\"usable_solution_list\":[{\"name\":\"Cainiao Standard\"}]}";

    String out = r.body(body.getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(out).doesNotContain("Ada Lovelace", "Grace Hopper", "Alan Turing", "Charles Babbage");
    assertThat(out).contains("Ground Advantage", "Priority Mail", "Cainiao Standard");
    assertThat(Redaction.namesAnOffer("extraServicesByID")).isTrue();
    assertThat(Redaction.namesAnOffer("deliveryCommitments")).isTrue();
    assertThat(Redaction.namesAnOffer("operator")).isFalse();
    assertThat(Redaction.namesAnOffer("corporate")).isFalse();
  }
}
