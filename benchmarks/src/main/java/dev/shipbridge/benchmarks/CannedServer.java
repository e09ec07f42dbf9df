package dev.shipbridge.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal loopback HTTP server (the JDK's) answering each path with the response recorded from
 * the emulator: a server that costs next to nothing, so client-side differences show.
 *
 * <p>TCP_NODELAY: the JDK server leaves Nagle on unless {@code sun.net.httpserver.nodelay} is true
 * when its classes load, and then every keep-alive request waits ~40 ms for the client's delayed
 * ACK. The benchmarks pass {@code -Dsun.net.httpserver.nodelay=true}; {@link #start} also sets it
 * and refuses to run if it was read as false.
 */
final class CannedServer implements AutoCloseable {
  private record Canned(int status, String contentType, byte[] body) {}

  private final HttpServer server;
  private final Map<String, Canned> byPath = new HashMap<>();

  private CannedServer(Fixtures.Recording recording, int port) throws IOException {
    for (Fixtures.Exchange e : recording.byPath().values()) {
      byPath.put(e.path(), new Canned(e.status(), e.contentType(), e.responseBody()));
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext("/", this::handle);
    server.setExecutor(null); // the dispatcher thread answers: no hand-off
    server.start();
  }

  static CannedServer start(Fixtures.Recording recording) throws IOException {
    return start(recording, 0);
  }

  /** On a given loopback port (0: any free one). */
  static CannedServer start(Fixtures.Recording recording, int port) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return new CannedServer(recording, port);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.readAllBytes();
    }
    Canned c = byPath.get(ex.getRequestURI().getRawPath());
    if (c == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    ex.getResponseHeaders().set("Content-Type", c.contentType);
    ex.sendResponseHeaders(c.status, c.body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(c.body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
