package dev.shipbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shipbridge.CarrierException;
import dev.shipbridge.model.CarrierId;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * Whether a purchase that failed on the transport may have been sent: a connection reset during
 * the TLS handshake never carried the request (retryable, not outcome-unknown), a reset after the
 * request was read may have bought it (outcome-unknown).
 */
class HttpTransportSentTest {
  private static final CarrierId CARRIER = CarrierId.of("acme");

  /** Accepts one connection; optionally reads the request head; then resets (linger 0). */
  private static ServerSocket resetting(boolean readRequestFirst) throws IOException {
    ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      try (Socket s = server.accept()) {
        if (readRequestFirst) {
          InputStream in = s.getInputStream();
          byte[] buf = new byte[8192];
          StringBuilder head = new StringBuilder();
          int n;
          while (!head.toString().contains("\r\n\r\n") && (n = in.read(buf)) > 0) head.append(new String(buf, 0, n));
        }
        s.setSoLinger(true, 0);
      } catch (IOException e) {
        // the client sees the reset
      }
    });
    t.setDaemon(true);
    t.start();
    return server;
  }

  private static Request purchase(String url) {
    return new Request.Builder().url(url).post(RequestBody.create("{}", okhttp3.MediaType.get("application/json"))).build();
  }

  @Test
  void aPurchaseResetDuringTheTlsHandshakeWasNotSentAndIsRetryable() throws Exception {
    try (ServerSocket server = resetting(false)) {
      Throwable t = catchThrowable(() -> new HttpTransport(new OkHttpClient()).execute(CARRIER,
          purchase("https://127.0.0.1:" + server.getLocalPort() + "/labels"), RequestSafety.NON_IDEMPOTENT, "order-7"));
      assertThat(t).isInstanceOf(CarrierException.class);
      CarrierException e = (CarrierException) t;
      assertThat(e.outcomeUnknown()).as("nothing was sent: %s", e).isFalse();
      assertThat(e.retryable()).as("%s", e).isTrue();
    }
  }

  @Test
  void aPurchaseResetAfterTheRequestWasReadIsOutcomeUnknown() throws Exception {
    try (ServerSocket server = resetting(true)) {
      Throwable t = catchThrowable(() -> new HttpTransport(new OkHttpClient()).execute(CARRIER,
          purchase("http://127.0.0.1:" + server.getLocalPort() + "/labels"), RequestSafety.NON_IDEMPOTENT, "order-7"));
      assertThat(t).isInstanceOf(CarrierException.class);
      CarrierException e = (CarrierException) t;
      assertThat(e.outcomeUnknown()).as("%s", e).isTrue();
      assertThat(e.retryable()).isFalse();
      assertThat(e.idempotencyKey()).contains("order-7");
    }
  }
}
