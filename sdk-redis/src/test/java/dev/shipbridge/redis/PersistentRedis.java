package dev.shipbridge.redis;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own with an append-only file (fsynced every second), as a fleet's
 * Redis should run, that the test can kill -9 and start again on the same port and data.
 */
final class PersistentRedis implements AutoCloseable {
  final int port = RedisTestSupport.freePort();
  private final Path dir;
  private Process process;

  private PersistentRedis(Path dir) {
    this.dir = dir;
  }

  static PersistentRedis start() {
    RedisTestSupport.url(); // Redis tests are on
    if (!Files.isExecutable(Path.of("/usr/bin/redis-server")) && !onPath()) {
      abort(RedisTestSupport.SKIPPED + ": the fleet test starts its own redis-server and none is on the PATH");
    }
    try {
      PersistentRedis r = new PersistentRedis(Files.createTempDirectory("sb-fleet-redis"));
      r.startServer();
      return r;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, "redis-server"))) return true;
    }
    return false;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  void startServer() {
    try {
      process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString(),
          "--daemonize", "no", "--loglevel", "warning"))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server", e);
    }
    for (int i = 0; i < 500 && !RedisTestSupport.pings(port); i++) RedisTestSupport.sleepMillis(20);
    if (!RedisTestSupport.pings(port)) throw new IllegalStateException("redis-server on port " + port + " did not answer PING");
  }

  /** kill -9: no shutdown, no final write; what the append-only file holds survives. */
  void kill() {
    if (process == null) return;
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    kill();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory
    }
  }
}
