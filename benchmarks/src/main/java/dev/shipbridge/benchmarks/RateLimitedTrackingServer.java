package dev.shipbridge.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * USPS token and tracking v3r2 endpoints on loopback that enforce a strict sliding window: at most
 * {@code limit} tracking requests in any window of one second, answering 429 (USPS's quota body,
 * {@code Retry-After} in whole seconds) beyond it, after a fixed service latency. It records when
 * each tracking request arrived, accepted or not. Answers are streamed from the recorded item split
 * around its tracking number, so the simulated carrier adds next to no garbage (nor GC pauses) to
 * the JVM of the client it measures.
 */
final class RateLimitedTrackingServer implements AutoCloseable {
  private static final Pattern NUMBER = Pattern.compile("\"trackingNumber\"\\s*:\\s*\"([^\"]+)\"");

  /** One tracking request as the server saw it. */
  record Arrival(long nanos, boolean accepted, int numbers) {}

  private final HttpServer server;
  private final int limit;
  private final long windowNanos = 1_000_000_000L;
  private final long latencyMillis;
  private final byte[] token;
  /** The recorded tracking item split around its tracking number: before, between, after. */
  private final byte[][] itemParts;
  private final ArrayDeque<Long> window = new ArrayDeque<>();
  private final List<Arrival> arrivals = new ArrayList<>();

  RateLimitedTrackingServer(Fixtures.Recording recording, int limit, long latencyMillis) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.limit = limit;
    this.latencyMillis = latencyMillis;
    this.token = recording.get("/oauth2/").responseBody();
    String track = new String(recording.get("/tracking/").responseBody(), StandardCharsets.UTF_8).strip();
    String item = track.substring(1, track.length() - 1); // [ {...} ] -> {...}
    String[] parts = item.split(Pattern.quote(recording.trackingNumber()), -1);
    this.itemParts = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) itemParts[i] = parts[i].getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/oauth2/v3/token", ex -> respond(ex, 200, token, null));
    server.createContext("/tracking/v3r2/tracking", this::track);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void track(HttpExchange ex) throws IOException {
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> numbers = new ArrayList<>();
    for (Matcher m = NUMBER.matcher(body); m.find(); ) numbers.add(m.group(1));
    long retryAfterNanos = admit(numbers.size());
    if (retryAfterNanos >= 0) {
      long seconds = Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
      String quota = "{\"apiVersion\":\"/tracking/v3r2\",\"error\":{\"code\":\"429\",\"message\":\"Exceeded quota limit.\","
          + "\"errors\":[{\"status\":\"429\",\"code\":\"429\",\"title\":\"Too Many Requests.\",\"detail\":\"Quota limit exceeded.\"}]}}";
      respond(ex, 429, quota.getBytes(StandardCharsets.UTF_8), Long.toString(seconds));
      return;
    }
    try {
      Thread.sleep(latencyMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[][] numberBytes = new byte[numbers.size()][];
    long length = 2 + Math.max(0, numbers.size() - 1);
    for (int i = 0; i < numbers.size(); i++) {
      numberBytes[i] = numbers.get(i).getBytes(StandardCharsets.UTF_8);
      for (byte[] part : itemParts) length += part.length;
      length += (long) numberBytes[i].length * (itemParts.length - 1);
    }
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, length);
    try (OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 16 * 1024)) {
      out.write('[');
      for (int i = 0; i < numberBytes.length; i++) {
        if (i > 0) out.write(',');
        for (int p = 0; p < itemParts.length; p++) {
          if (p > 0) out.write(numberBytes[i]);
          out.write(itemParts[p]);
        }
      }
      out.write(']');
    }
  }

  /** Records the arrival; -1 when admitted, else nanos until the window has room. */
  private synchronized long admit(int numbers) {
    long now = System.nanoTime();
    while (!window.isEmpty() && window.peekFirst() <= now - windowNanos) window.pollFirst();
    boolean ok = window.size() < limit;
    arrivals.add(new Arrival(now, ok, numbers));
    if (ok) {
      window.addLast(now);
      return -1;
    }
    return window.peekFirst() + windowNanos - now;
  }

  private static void respond(HttpExchange ex, int status, byte[] body, String retryAfter) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) ex.getResponseHeaders().set("Retry-After", retryAfter);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  synchronized List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  synchronized void clear() {
    arrivals.clear();
    window.clear();
  }

  /** The most arrivals (of those given) in any half-open window [t, t + 1 s). */
  static int maxInAnyWindow(List<Long> sortedNanos) {
    int best = 0;
    int j = 0;
    for (int i = 0; i < sortedNanos.size(); i++) {
      while (j < sortedNanos.size() && sortedNanos.get(j) < sortedNanos.get(i) + 1_000_000_000L) j++;
      best = Math.max(best, j - i);
    }
    return best;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
