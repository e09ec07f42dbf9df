package dev.shipbridge.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Canaries sent and received at TRACE, the most verbose level, never reach the log. */
class RedactingLoggingInterceptorTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final List<String> CANARIES = List.of("CANARY-SECRET", "CANARY-TOKEN", "CANARY-PAY",
      "Canary Name", "1 Canary Street", "+1 555 0199", "canary@example.com", "CANARY-SIGN", "CANARY-COOKIE");

  @Test
  void aKnownSecretInThePathOrAnUnnamedParameterIsMaskedInTheExchangeLine() throws Exception {
    dev.shipbridge.spi.support.KnownSecrets.register("PathSecret7788aa", "QuerySecret9911bb");
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    CapturingLogger log = new CapturingLogger();
    OkHttpClient client = new OkHttpClient.Builder()
        .addInterceptor(new RedactingLoggingInterceptor(Redaction.defaults(), log)).build();
    Request request = new Request.Builder().url(wm.baseUrl() + "/v1/PathSecret7788aa/x?q=QuerySecret9911bb").get().build();
    try (var response = client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(log.lines).isNotEmpty().noneMatch(l -> l.contains("PathSecret7788aa") || l.contains("QuerySecret9911bb"));
  }

  @Test
  void logsNoSecretOrPersonalDataAtTrace() throws Exception {
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withHeader("Set-Cookie", "session=CANARY-COOKIE").withHeader("X-Request-ID", "rid-1")
        .withBody("{\"access_token\":\"CANARY-TOKEN\",\"recipient\":{\"firstName\":\"Canary Name\","
            + "\"address1\":\"1 Canary Street\",\"phoneNumber\":\"+1 555 0199\"},\"trackingNumber\":\"WR1\"}")));
    CapturingLogger log = new CapturingLogger();
    OkHttpClient client = new OkHttpClient.Builder()
        .addInterceptor(new RedactingLoggingInterceptor(Redaction.defaults(), log)).build();
    Request request = new Request.Builder().url(wm.baseUrl() + "/labels?sign=CANARY-SIGN&service=GROUND")
        .header("Authorization", "Bearer CANARY-TOKEN").header("X-Payment-Authorization-Token", "CANARY-PAY")
        .post(RequestBody.create("{\"client_secret\":\"CANARY-SECRET\",\"toAddress\":{\"name\":\"Canary Name\","
            + "\"streetAddress\":\"1 Canary Street\",\"email\":\"canary@example.com\"}}", MediaType.get("application/json")))
        .build();

    try (Response r = client.newCall(request).execute()) {
      assertThat(r.body().string()).contains("CANARY-TOKEN"); // the caller still gets the real body
    }

    assertThat(log.lines).hasSize(3); // the DEBUG summary, then the request and the response at TRACE
    assertThat(log.lines).filteredOn(l -> l.startsWith("DEBUG")).singleElement().asString()
        .matches("DEBUG POST localhost:\\d+ /labels\\?sign=██&service=GROUND -> 200 in \\S+ m?s, request-id rid-1");
    String all = String.join("\n", log.lines);
    assertThat(all).contains("POST", "/labels", "service=GROUND", "200", "rid-1", "WR1");
    for (String canary : CANARIES) assertThat(all).doesNotContain(canary);
  }

  /** An SLF4J logger with every level on that keeps what it is given. */
  static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
      lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
    }

    @Override public boolean isTraceEnabled() { return true; }
    @Override public boolean isDebugEnabled() { return true; }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isErrorEnabled() { return true; }
  }
}
