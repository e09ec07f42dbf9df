package dev.shipbridge.spring.boot;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.PushedTracking;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * With {@code shipbridge.webhook.enabled=true} on Spring MVC: a POST endpoint at {@code
 * shipbridge.webhook.path} that verifies each carrier push with {@code shipbridge.webhooks()} and
 * publishes the accepted {@link PushedTracking} as an application event.
 *
 * <pre>{@code
 * @EventListener
 * void on(PushedTracking push) { orders.updateTracking(push.trackingNumber(), push.events()); }
 * }</pre>
 *
 * Answers: 200 accepted (and for a duplicate, so the carrier stops resending), 401 bad signature,
 * 400 stale, unreadable or unrecognised, 413 over {@link #MAX_BODY_BYTES}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"org.springframework.web.servlet.function.RouterFunction", "jakarta.servlet.http.HttpServletRequest"})
@ConditionalOnProperty(prefix = "shipbridge.webhook", name = "enabled", havingValue = "true")
class ShipbridgeWebhookConfiguration {
  /** The largest push read; carriers' pushes are a few kilobytes. */
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final String ACCEPTED = "{\"success\":\"true\",\"errorCode\":\"\",\"errorMsg\":\"\"}";

  @Bean
  RouterFunction<ServerResponse> shipbridgeWebhookRoute(ShipbridgeProperties properties, Shipbridge shipbridge,
      ApplicationEventPublisher events, ObjectProvider<WebhookGate> gate) {
    WebhookGate handler = gate.getIfUnique(() -> (h, r) -> h.handle(r));
    return RouterFunctions.route().POST(properties.getWebhook().getPath(), request -> {
      byte[] body = readBody(request.servletRequest());
      if (body == null) return refusal(413, "S04", "too large");
      try {
        PushedTracking push = handler.handle(shipbridge.webhooks(), WebhookRequest.of(body, headers(request)));
        events.publishEvent(push);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(ACCEPTED);
      } catch (WebhookException e) {
        return switch (e.reason()) {
          case DUPLICATE -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(ACCEPTED);
          case BAD_SIGNATURE -> refusal(401, "S01", "bad signature");
          default -> refusal(400, "S02", "refused: " + e.reason().name().toLowerCase(java.util.Locale.ROOT));
        };
      }
    }).build();
  }

  private static ServerResponse refusal(int status, String code, String message) {
    return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
        .body("{\"success\":\"false\",\"errorCode\":\"" + code + "\",\"errorMsg\":\"" + message + "\"}");
  }

  /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) return null;
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  private static Map<String, List<String>> headers(ServerRequest request) {
    HttpServletRequest servlet = request.servletRequest();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(servlet.getHeaderNames())) {
      headers.put(name, new ArrayList<>(Collections.list(servlet.getHeaders(name))));
    }
    return headers;
  }
}
