package dev.shipbridge.redis;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Redis the tests use: system property {@code shipbridge.redis.url} (set by the surefire
 * configuration from {@code SHIPBRIDGE_REDIS_URL}, or with {@code -Dshipbridge.redis.url=...}).
 * Without it every Redis test is skipped with a message saying "Redis tests skipped"; CI fails if
 * that message appears. With it, an unreachable Redis is a failure, not a skip.
 */
final class RedisTestSupport {
  static final String PROPERTY = "shipbridge.redis.url";
  static final String SKIPPED = "Redis tests skipped";

  private RedisTestSupport() {}

  /** The Redis URL, or aborts the test (skipped) when none is configured. */
  static String url() {
    String url = System.getProperty(PROPERTY, "").trim();
    if (url.isEmpty() || url.startsWith("${")) {
      abort(SKIPPED + ": no -D" + PROPERTY + " (e.g. redis://127.0.0.1:6390) and no SHIPBRIDGE_REDIS_URL;"
          + " start a redis-server on loopback (see .ci/services) to run them");
    }
    return url;
  }

  /** A key prefix no other test (or earlier run) uses. */
  static String freshPrefix() {
    return "sbtest:" + UUID.randomUUID() + ":";
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends one inline command to the Redis on {@code port}, ignoring the answer (SHUTDOWN sends none). */
  static void send(int port, String command) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(2000);
      s.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      s.getInputStream().read();
    } catch (IOException e) {
      // the server closed the connection as it went down
    }
  }

  /** Whether a Redis answers PING on {@code port} of loopback. */
  static boolean pings(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] buf = new byte[7];
      InputStream in = s.getInputStream();
      int n = in.read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A redis-server of the test's own on a free loopback port (no persistence), so outage tests can
   * stop and restart it without disturbing the shared one.
   */
  static final class OwnRedis implements AutoCloseable {
    final int port = freePort();
    private Process process;

    /** Starts one, or skips the test when no redis-server is on the PATH. */
    static OwnRedis start() {
      RedisTestSupport.url(); // Redis tests are on
      String binary = findBinary();
      if (binary == null) {
        abort(SKIPPED + ": the outage tests start their own redis-server and none is on the PATH (apt-get install redis-server)");
      }
      OwnRedis r = new OwnRedis(binary);
      r.startServer();
      return r;
    }

    private final String binary;

    private OwnRedis(String binary) {
      this.binary = binary;
    }

    String url() {
      return "redis://127.0.0.1:" + port;
    }

    void startServer() {
      try {
        process = new ProcessBuilder(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start redis-server", e);
      }
      for (int i = 0; i < 250 && !pings(port); i++) sleepMillis(20);
      if (!pings(port)) throw new IllegalStateException("redis-server on port " + port + " did not answer PING");
    }

    /** Stops the server ({@code SHUTDOWN NOSAVE}, as {@code redis-cli shutdown nosave} does): connections drop. */
    void stopServer() {
      if (process == null) return;
      send(port, "SHUTDOWN NOSAVE");
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroy();
          if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }

    @Override
    public void close() {
      stopServer();
    }

    private static String findBinary() {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, "redis-server");
        if (Files.isExecutable(p)) return p.toString();
      }
      Path usual = Path.of("/usr/bin/redis-server");
      return Files.isExecutable(usual) ? usual.toString() : null;
    }
  }

  static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
