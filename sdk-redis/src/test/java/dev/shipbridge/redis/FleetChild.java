package dev.shipbridge.redis;

import dev.shipbridge.tracking.ScheduleCodec;
import dev.shipbridge.tracking.TrackingChanged;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The test JVM's handle on one {@link FleetInstanceProcess}: starts it with this JVM's {@code java}
 * and class path, sends it commands and reads its answers. Waits are upper bounds that only turn a
 * hung child into a failure; they never decide an outcome.
 */
final class FleetChild implements AutoCloseable {
  /** A pass's answer: the next call slot the instance asked to be woken for (or null), or held (armed, blocked). */
  record Answer(Instant nextCallAt, boolean held) {}

  private static final String EOF = "\u0000eof";
  /** How long one answer may take on a loaded machine before the child counts as hung. */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(90);

  final String id;
  final Path log;
  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private FleetChild(String id, Path log, Process process) {
    this.id = id;
    this.log = log;
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
      } catch (IOException e) {
        // the process was killed
      } finally {
        lines.add(EOF);
      }
    }, "fleet-child-" + id);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code FleetInstanceProcess} with {@code args}, its log (stderr) in {@code log}; returns once it is ready. */
  static FleetChild start(String id, Path log, List<String> args) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), FleetInstanceProcess.class.getName()));
    command.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command.get(0), e);
    }
    try {
      FleetChild c = new FleetChild(id, log, p);
      c.expect("ready");
      return c;
    } catch (RuntimeException | Error e) {
      p.destroyForcibly(); // never left running when it did not come up
      throw e;
    }
  }

  long pid() {
    return process.pid();
  }

  void arm() {
    send("arm");
    expect("armed");
  }

  /** Returns once the instance's store answers (after a Redis restart). */
  void ping() {
    send("ping");
    expect("pong");
  }

  /** One pass at {@code at}; each change the instance delivers goes to {@code changes} first. */
  Answer pass(Instant at, Consumer<TrackingChanged> changes) {
    send("pass " + at.toEpochMilli());
    while (true) {
      String l = next();
      if (l.startsWith("change ")) {
        ScheduleCodec.decodeChanges(l.substring(7)).forEach(changes);
      } else if (l.equals("held")) {
        return new Answer(null, true);
      } else if (l.startsWith("done ")) {
        String v = l.substring(5);
        return new Answer(v.equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(v)), false);
      } else {
        throw new AssertionError("instance " + id + " said " + l + " (log: " + log + ")");
      }
    }
  }

  /** kill -9: {@link Process#destroyForcibly()} (SIGKILL on Linux); waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** Ends its input: the instance closes its store and exits; its exit code. */
  int finish() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
    return awaitExit();
  }

  private int awaitExit() {
    try {
      if (!process.waitFor(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("instance " + id + " did not exit (log: " + log + ")");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void send(String command) {
    try {
      stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new AssertionError("instance " + id + " is gone (log: " + log + ")", e);
    }
  }

  private void expect(String line) {
    String l = next();
    if (!l.equals(line)) throw new AssertionError("instance " + id + " said " + l + ", expected " + line + " (log: " + log + ")");
  }

  private String next() {
    try {
      String l = lines.poll(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
      if (l == null) throw new AssertionError("instance " + id + " did not answer within " + ANSWER_WITHIN + " (log: " + log + ")");
      if (l.equals(EOF)) throw new AssertionError("instance " + id + " exited (log: " + log + ")");
      return l;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills the process if it is still running (the test failed half-way). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
