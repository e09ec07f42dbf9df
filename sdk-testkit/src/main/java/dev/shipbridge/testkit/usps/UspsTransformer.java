package dev.shipbridge.testkit.usps;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.shipbridge.testkit.UspsEmulator.Fault;
import dev.shipbridge.testkit.UspsEmulator.RecordedCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The single WireMock transformer behind the catch-all stub: records the call, applies injected
 * faults and the configured quota, then lets {@link UspsService} answer. Internal.
 */
public final class UspsTransformer implements ResponseDefinitionTransformerV2 {
  private final UspsService service;
  private final Clock clock;
  private final ConcurrentLinkedQueue<RecordedCall> calls = new ConcurrentLinkedQueue<>();
  private final List<PlannedFault> faults = new ArrayList<>();
  private final Map<String, long[]> windows = new HashMap<>();
  private int callsPerWindow;
  private volatile int quotaRefusals; // written under the monitor, read without it
  private Duration window;

  private static final class PlannedFault {
    final String prefix;
    final Fault fault;
    final Duration delay;
    int remaining;

    PlannedFault(String prefix, Fault fault, Duration delay, int remaining) {
      this.prefix = prefix;
      this.fault = fault;
      this.delay = delay;
      this.remaining = remaining;
    }
  }

  public UspsTransformer(UspsService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "shipbridge-usps-emulator";
  }

  private final ConcurrentLinkedQueue<Object[]> holds = new ConcurrentLinkedQueue<>(); // {prefix, arrived, released}

  /** Holds the next response to a path under {@code pathPrefix} (processed, not yet sent) until {@code released}. */
  public void hold(String pathPrefix, java.util.concurrent.CountDownLatch arrived,
      java.util.concurrent.CountDownLatch released) {
    holds.add(new Object[] {pathPrefix, arrived, released});
  }

  private Object[] takeHold(String path) {
    for (Object[] h : holds) {
      if (matches((String) h[0], path) && holds.remove(h)) return h;
    }
    return null;
  }

  /** Waits for a hold's release (at most a minute, a failsafe against a test that forgets it). */
  private void awaitRelease(Object[] h) {
    ((java.util.concurrent.CountDownLatch) h[1]).countDown();
    try {
      ((java.util.concurrent.CountDownLatch) h[2]).await(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public synchronized void injectFault(String pathPrefix, Fault fault, Duration delay, int times) {
    faults.add(new PlannedFault(pathPrefix, fault, delay, times));
  }

  public synchronized void rateLimit(int calls, Duration window) {
    this.callsPerWindow = calls;
    this.window = window;
    windows.clear();
  }

  /** Calls answered 429 for quota since the last {@link #reset()}. */
  public int quotaRefusals() {
    return quotaRefusals;
  }

  public List<RecordedCall> requests() {
    return Collections.unmodifiableList(new ArrayList<>(calls));
  }

  public int requestCount(String method, String pathPrefix) {
    int n = 0;
    for (RecordedCall c : calls) {
      if ((method == null || method.equals("*") || method.equalsIgnoreCase(c.method()))
          && (pathPrefix == null || matches(pathPrefix, c.path()))) {
        n++;
      }
    }
    return n;
  }

  public synchronized void reset() {
    calls.clear();
    faults.clear();
    holds.clear();
    windows.clear();
    callsPerWindow = 0;
    quotaRefusals = 0;
    window = null;
  }

  private static boolean matches(String prefix, String path) {
    return prefix.equals("any") || prefix.equals("*") || path.startsWith(prefix);
  }

  private synchronized PlannedFault takeFault(String path) {
    for (Iterator<PlannedFault> it = faults.iterator(); it.hasNext(); ) {
      PlannedFault f = it.next();
      if (matches(f.prefix, path)) {
        if (--f.remaining <= 0) {
          it.remove();
        }
        return f;
      }
    }
    return null;
  }

  /** Counts the call against its API's window; returns the seconds to wait when over quota, else -1. */
  private synchronized long overQuota(String api) {
    if (callsPerWindow <= 0 || window == null) {
      return -1;
    }
    Instant now = clock.instant();
    long[] w = windows.computeIfAbsent(api, k -> new long[] {now.toEpochMilli(), 0});
    long end = w[0] + window.toMillis();
    if (now.toEpochMilli() >= end) {
      w[0] = now.toEpochMilli();
      w[1] = 0;
      end = w[0] + window.toMillis();
    }
    if (w[1] >= callsPerWindow) {
      quotaRefusals++;
      return Math.max(1, (end - now.toEpochMilli() + 999) / 1000);
    }
    w[1]++;
    return -1;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String url = request.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    String query = q < 0 ? "" : url.substring(q + 1);
    String method = request.getMethod().getName();
    Map<String, List<String>> headerMap = new LinkedHashMap<>();
    TreeMap<String, String> firstValues = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpHeader h : request.getHeaders().all()) {
      headerMap.put(h.key(), List.copyOf(h.values()));
      if (!h.values().isEmpty()) {
        firstValues.put(h.key(), String.join(", ", h.values()));
      }
    }
    String body = request.getBodyAsString();
    calls.add(new RecordedCall(method, path, query, Collections.unmodifiableMap(headerMap), body));

    String api = Wire.apiOf(path);
    boolean oauth = path.startsWith("/oauth2/");
    PlannedFault fault = takeFault(path);
    if (fault != null) {
      switch (fault.fault) {
        case HTTP_500:
          return definition(Wire.error(500, api, "Internal Server Error",
              List.of(Wire.item("500", null, "INTERNAL_SERVER_ERROR", "An unexpected error occurred.", null))));
        case HTTP_502_HTML:
          return ResponseDefinitionBuilder.responseDefinition().withStatus(502)
              .withHeader("Content-Type", "text/html")
              .withBody("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                  + "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
              .build();
        case HTTP_503:
          return definition(Wire.error(503, api, "Service Unavailable",
              List.of(Wire.item("503", null, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable.", null))));
        case HTTP_429:
          return definition(Wire.tooManyRequests(api, 1, oauth));
        default:
          break;
      }
    }
    long wait = overQuota(api);
    Wire.Reply reply;
    if (wait >= 0) {
      reply = Wire.tooManyRequests(api, wait, oauth);
    } else {
      try {
        reply = service.handle(method, path, parseQuery(query), firstValues, body);
      } catch (PaymentsApi.Unauthorized u) {
        reply = u.reply;
      } catch (RuntimeException e) {
        reply = Wire.error(500, api, "Internal Server Error",
            List.of(Wire.item("500", null, "INTERNAL_SERVER_ERROR", String.valueOf(e), null)));
      }
    }
    Object[] hold = takeHold(path);
    if (hold != null) awaitRelease(hold); // the carrier has processed it; the answer is not sent yet
    if (fault == null) {
      return definition(reply);
    }
    switch (fault.fault) {
      case CONNECTION_RESET:
        return ResponseDefinitionBuilder.responseDefinition()
            .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
      case EMPTY_RESPONSE:
        return ResponseDefinitionBuilder.responseDefinition()
            .withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE).build();
      case MALFORMED_CHUNK:
        return ResponseDefinitionBuilder.responseDefinition()
            .withFault(com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK).build();
      case RANDOM_DATA_THEN_CLOSE:
        return ResponseDefinitionBuilder.responseDefinition()
            .withFault(com.github.tomakehurst.wiremock.http.Fault.RANDOM_DATA_THEN_CLOSE).build();
      case TRUNCATED_JSON:
        byte[] b = reply.body();
        return definition(new Wire.Reply(reply.status(), reply.headers(),
            Arrays.copyOf(b, Math.max(1, Math.min(b.length - 1, b.length / 2)))));
      case DELAY:
        return ResponseDefinitionBuilder.like(definition(reply))
            .withFixedDelay((int) Math.min(Integer.MAX_VALUE, fault.delay.toMillis())).build();
      default:
        return definition(reply);
    }
  }

  private static ResponseDefinition definition(Wire.Reply reply) {
    ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(reply.status());
    reply.headers().forEach(b::withHeader);
    return b.withBody(reply.body()).build();
  }

  private static Map<String, List<String>> parseQuery(String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return out;
    }
    FormPairs.decode(query, (k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    return out;
  }
}
