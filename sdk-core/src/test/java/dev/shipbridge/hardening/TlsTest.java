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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls through the real {@link HttpTransport} to HTTPS servers on loopback whose certificates
 * must not be accepted. Each failure is a typed {@link CarrierException} (never a raw {@link
 * SSLException}), classified as having failed before the request was sent: even a
 * non-idempotent purchase is not outcome-unknown, and the server never read an HTTP request.
 */
class TlsTest {
  private static final CarrierId CARRIER = CarrierId.of("tls-test");
  /** A CA the tests trust explicitly; it is in no platform trust store. */
  private static final HeldCertificate TEST_CA = new HeldCertificate.Builder()
      .certificateAuthority(0).commonName("Shipbridge Test CA").build();

  private MockWebServer server;
  private final AtomicInteger httpRequestsRead = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  /** An HTTPS server on 127.0.0.1 presenting {@code certificate}; counts the HTTP requests it read. */
  private String serve(HeldCertificate certificate, HeldCertificate... chain) throws IOException {
    java.security.cert.X509Certificate[] intermediates = new java.security.cert.X509Certificate[chain.length];
    for (int i = 0; i < chain.length; i++) intermediates[i] = chain[i].certificate();
    HandshakeCertificates serverSide = new HandshakeCertificates.Builder().heldCertificate(certificate, intermediates).build();
    server = new MockWebServer();
    server.useHttps(serverSide.sslSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        httpRequestsRead.incrementAndGet();
        return new MockResponse.Builder().code(200).body("{\"ok\":true}").build();
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return "https://127.0.0.1:" + server.getPort() + "/labels/v3/label";
  }

  /** A client trusting only the test CA: what a user pinning a private CA would pass in. */
  private static OkHttpClient trustingTestCa() {
    HandshakeCertificates clientSide = new HandshakeCertificates.Builder().addTrustedCertificate(TEST_CA.certificate()).build();
    return base().sslSocketFactory(clientSide.sslSocketFactory(), clientSide.trustManager()).build();
  }

  /** A client with the platform's trust store and hostname verifier: the default users get. */
  private static OkHttpClient platformDefaults() {
    return base().build();
  }

  private static OkHttpClient.Builder base() {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false)
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(10));
  }

  private static Request purchase(String url) {
    return new Request.Builder().url(url).header("X-Idempotency-Key", "order-1042")
        .post(RequestBody.create("{\"label\":1}", MediaType.get("application/json"))).build();
  }

  /** Sends a non-idempotent purchase: a failure after sending would be outcome-unknown, so the classification shows. */
  private static CarrierException failedPurchase(OkHttpClient client, String url) {
    Throwable t = catchThrowable(() -> new HttpTransport(client).execute(CARRIER, purchase(url), RequestSafety.NON_IDEMPOTENT, "order-1042"));
    assertThat(t).isInstanceOf(CarrierException.class).isNotInstanceOf(SSLException.class);
    return (CarrierException) t;
  }

  private void assertFailedBeforeSending(CarrierException e, Class<? extends SSLException> cause) {
    assertThat(e.carrier()).isEqualTo(CARRIER);
    assertThat(e.httpStatus()).as("no HTTP answer").isZero();
    assertThat(e.outcomeUnknown()).as("classified as failed before sending").isFalse();
    assertThat(e.retryable()).as("a failure before sending is never outcome-unknown; the transport marks it retryable").isTrue();
    assertThat(e.getCause()).isInstanceOf(cause);
    assertThat(httpRequestsRead).as("HTTP requests the server read").hasValue(0);
  }

  @Test
  void theTestServerIsReachableWhenItsCertificateIsTrustedAndNamesTheHost() throws Exception {
    // The control: same server, same client setup; only the certificate changes in the tests below.
    HeldCertificate good = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").signedBy(TEST_CA).build();
    String url = serve(good);

    HttpResult r = new HttpTransport(trustingTestCa()).execute(CARRIER, purchase(url), RequestSafety.NON_IDEMPOTENT, "order-1042");

    assertThat(r.status()).isEqualTo(200);
    assertThat(httpRequestsRead).hasValue(1);
  }

  @Test
  void aSelfSignedServerFailsBeforeSendingWithTheDefaultTrustStore() throws Exception {
    HeldCertificate selfSigned = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    String url = serve(selfSigned);

    CarrierException e = failedPurchase(platformDefaults(), url);

    assertFailedBeforeSending(e, SSLHandshakeException.class);
  }

  @Test
  void aSelfSignedServerFailsBeforeSendingWhenTheClientTrustsAnotherCa() throws Exception {
    HeldCertificate selfSigned = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    String url = serve(selfSigned);

    CarrierException e = failedPurchase(trustingTestCa(), url);

    assertFailedBeforeSending(e, SSLHandshakeException.class);
  }

  @Test
  void aTrustedCertificateForAnotherHostFailsBeforeSending() throws Exception {
    HeldCertificate otherHost = new HeldCertificate.Builder().commonName("apis.usps.com")
        .addSubjectAlternativeName("apis.usps.com").signedBy(TEST_CA).build();
    String url = serve(otherHost);

    CarrierException e = failedPurchase(trustingTestCa(), url);

    assertFailedBeforeSending(e, SSLPeerUnverifiedException.class);
    assertThat(e.getCause()).hasMessageContaining("127.0.0.1");
  }

  @Test
  void anExpiredCertificateFromATrustedCaFailsBeforeSending() throws Exception {
    long y2000 = 946_684_800_000L;
    HeldCertificate expired = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
        .validityInterval(y2000, y2000 + TimeUnit.DAYS.toMillis(365)).signedBy(TEST_CA).build();
    String url = serve(expired);

    CarrierException e = failedPurchase(trustingTestCa(), url);

    assertFailedBeforeSending(e, SSLHandshakeException.class);
  }
}
