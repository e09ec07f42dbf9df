package dev.shipbridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shipbridge.CarrierException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.CarrierId;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client without TLS connection specs (Shipbridge's own default, built so for a fast cold start)
 * still speaks https, with the platform's certificate and host checks: {@link HttpTransport} sets
 * TLS up on the first https request. Plain http goes through the client as given.
 */
class TlsOnDemandTest {
  private static final CarrierId CARRIER = CarrierId.of("tls-on-demand");

  private final AtomicInteger httpRequestsRead = new AtomicInteger();
  private MockWebServer https;
  private MockWebServer http;

  @AfterEach
  void stop() {
    if (https != null) https.close();
    if (http != null) http.close();
  }

  private MockWebServer server() {
    MockWebServer s = new MockWebServer();
    s.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        httpRequestsRead.incrementAndGet();
        return new MockResponse.Builder().code(200).body("{\"ok\":true}").build();
      }
    });
    return s;
  }

  private String selfSignedHttps() throws IOException {
    HeldCertificate selfSigned = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    https = server();
    https.useHttps(new HandshakeCertificates.Builder().heldCertificate(selfSigned).build().sslSocketFactory());
    https.start(InetAddress.getByName("127.0.0.1"), 0);
    return "https://127.0.0.1:" + https.getPort() + "/labels/v3/label";
  }

  private String plainHttp() throws IOException {
    http = server();
    http.start(InetAddress.getByName("127.0.0.1"), 0);
    return "http://127.0.0.1:" + http.getPort() + "/tracking/v3r2/tracking";
  }

  private static OkHttpClient cleartextOnly() {
    return new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(10)).build();
  }

  private static Request post(String url) {
    return new Request.Builder().url(url).header("X-Idempotency-Key", "order-7")
        .post(RequestBody.create("{\"label\":1}", MediaType.get("application/json"))).build();
  }

  @Test
  void aCleartextOnlyClientSetsTlsUpForAnHttpsCallAndStillRefusesAnUntrustedCertificateBeforeSending() throws Exception {
    String url = selfSignedHttps();

    Throwable t = catchThrowable(() -> new HttpTransport(cleartextOnly())
        .execute(CARRIER, post(url), RequestSafety.NON_IDEMPOTENT, "order-7"));

    // Without TLS on demand OkHttp would refuse the https URL itself (no TLS spec), not in a handshake.
    assertThat(t).isInstanceOf(CarrierException.class);
    CarrierException e = (CarrierException) t;
    assertThat(e.getCause()).as("a TLS handshake with the platform's trust store took place").isInstanceOf(SSLHandshakeException.class);
    assertThat(e.outcomeUnknown()).as("failed before sending").isFalse();
    assertThat(httpRequestsRead).hasValue(0);
  }

  @Test
  void oneTransportSendsPlainHttpAsGivenAndHttpsThroughItsTlsTwin() throws Exception {
    String plain = plainHttp();
    String secure = selfSignedHttps();
    HttpTransport transport = new HttpTransport(cleartextOnly());

    HttpResult first = transport.execute(CARRIER, post(plain), RequestSafety.IDEMPOTENT_WITH_KEY, "order-7");
    Throwable second = catchThrowable(() -> transport.execute(CARRIER, post(secure), RequestSafety.NON_IDEMPOTENT, "order-7"));
    HttpResult third = transport.execute(CARRIER, post(plain), RequestSafety.IDEMPOTENT_WITH_KEY, "order-7");

    assertThat(first.status()).isEqualTo(200);
    assertThat(second).isInstanceOf(CarrierException.class).hasCauseInstanceOf(SSLHandshakeException.class);
    assertThat(third.status()).isEqualTo(200);
    assertThat(transport.client().connectionSpecs()).as("the given client is unchanged").containsExactly(ConnectionSpec.CLEARTEXT);
    assertThat(http.getRequestCount()).isEqualTo(2);
  }
}
