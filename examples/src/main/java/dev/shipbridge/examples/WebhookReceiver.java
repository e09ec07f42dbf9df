package dev.shipbridge.examples;

import dev.shipbridge.sandbox.ShipbridgeSandbox;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.PushedTracking;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A webhook endpoint for tracking pushed by Cainiao (LINK {@code TRACEPUSH}): a small HTTP server on
 * loopback hands each request's raw body and headers to {@code shipbridge.webhooks().handle(...)},
 * which verifies the {@code data_digest} in constant time and refuses replays. The sandbox's
 * Cainiao emulator signs the pushes; the example posts a genuine one, the same one again, and a
 * forged one (the content changed, the old digest kept).
 *
 * <pre>java -cp examples/target/shipbridge-examples.jar dev.shipbridge.examples.WebhookReceiver</pre>
 */
public final class WebhookReceiver {
  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  public static void run(PrintStream out) throws IOException, InterruptedException {
    out.println("Mode: embedded sandbox (Cainiao emulator on 127.0.0.1) and a webhook endpoint on 127.0.0.1");
    try (ShipbridgeSandbox sandbox = Sandbox.start(); Shipbridge shipbridge = sandbox.builder().build()) {
      Label label = shipbridge.label(LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
          .from(Sandbox.hangzhouSeller()).to(Sandbox.brooklynConsumer()).parcel(Sandbox.teaParcel())
          .customs(Sandbox.teaCustoms()).reference("8001234567890199").build());
      String lp = label.trackingNumber();
      String pushedAs = label.details().get("internationalTrackingNumber");
      out.println("Label " + lp + "; Cainiao pushes name its international number, " + pushedAs);
      Map<String, String> labelByPushedNumber = Map.of(pushedAs, lp); // what your order store keeps
      sandbox.clock().advance(Duration.ofHours(30));

      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/webhooks/cainiao", exchange -> receive(shipbridge, labelByPushedNumber, exchange, out));
      server.start();
      try {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/cainiao");
        String push = sandbox.cainiao().pushEvent(lp); // the signed form body Cainiao would POST
        post("genuine push for " + lp, endpoint, push, out);
        post("the same push again", endpoint, push, out);
        // A forger claims "delivered" (GTMS_SIGNED) but cannot sign without the LINK secret key.
        String forged = push.replaceFirst("actionCode%22%3A%22[A-Z_]+", "actionCode%22%3A%22GTMS_SIGNED");
        post("forged push (\"delivered\", old digest)", endpoint, forged, out);
      } finally {
        server.stop(0);
      }
    }
  }

  /**
   * The endpoint: 200 and Cainiao's acknowledgement for a verified push (and for a duplicate, so
   * Cainiao stops re-sending it, but nothing is stored twice), 401 for a bad signature, else 400.
   */
  private static void receive(Shipbridge shipbridge, Map<String, String> labelByPushedNumber, HttpExchange exchange,
      PrintStream out) throws IOException {
    int status;
    try {
      WebhookRequest request = WebhookRequest.of(exchange.getRequestBody().readAllBytes(), exchange.getRequestHeaders());
      PushedTracking push = shipbridge.webhooks().handle(request);
      String labelNumber = labelByPushedNumber.getOrDefault(push.trackingNumber(), push.trackingNumber());
      out.printf("    verified: %s label %s (pushed as %s)%n", push.carrier(), labelNumber, push.trackingNumber());
      push.events().forEach(e -> out.printf("    event  %s %s %s%n", e.time(), e.status(), e.description()));
      status = 200;
    } catch (WebhookException e) {
      out.printf("    refused: %s (%s)%n", e.reason(), e.getMessage());
      status = e.reason() == WebhookException.Reason.DUPLICATE ? 200 : e.reason() == WebhookException.Reason.BAD_SIGNATURE ? 401 : 400;
    }
    String answer = status == 200 ? "{\"success\":\"true\",\"errorCode\":\"\",\"errorMsg\":\"\"}"
        : "{\"success\":\"false\",\"errorCode\":\"S02\",\"errorMsg\":\"refused\"}";
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var body = exchange.getResponseBody()) {
      body.write(bytes);
    }
  }

  private static void post(String what, URI endpoint, String form, PrintStream out) throws IOException, InterruptedException {
    out.println("POST " + what);
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    out.println("  -> HTTP " + r.statusCode() + " " + r.body());
  }
}
