package dev.shipbridge.redis;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Captures what slf4j-simple prints (it writes to whatever {@code System.err} is at the time),
 * while still passing it through.
 */
final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  LogCapture() {
    System.setErr(new PrintStream(new OutputStream() {
      @Override
      public synchronized void write(int b) {
        captured.write(b);
        original.write(b);
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        captured.write(b, off, len);
        original.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8));
  }

  synchronized String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** The captured lines containing {@code fragment}. */
  List<String> lines(String fragment) {
    return Arrays.stream(text().split("\n")).filter(l -> l.contains(fragment)).toList();
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
