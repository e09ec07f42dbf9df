package dev.shipbridge.testkit.conformance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J 2 binding for the kit's TRACE canary: while the kit captures, every logger is on at
 * TRACE (HTTP headers and bodies included) and every line is recorded, its arguments, MDC and
 * stack traces with it; otherwise WARN and ERROR go to standard error. The kit's jar does not
 * register it: register it in your test resources, ahead of any other binding on the test class
 * path (test resources come first), in a file {@code
 * META-INF/services/org.slf4j.spi.SLF4JServiceProvider} holding the line:
 *
 * <pre>{@code
 * dev.shipbridge.testkit.conformance.CapturingLogs
 * }</pre>
 *
 * Without it, the kit's case "no secret reaches a TRACE log line" fails, saying so (override
 * {@code CarrierConformanceKit.traceLogs()} to leave it out).
 */
public final class CapturingLogs implements SLF4JServiceProvider {
  private static volatile boolean active;
  private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<Level> LEVELS = new ConcurrentLinkedQueue<>();

  private final ILoggerFactory loggers = Logger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /** For {@code ServiceLoader}. */
  public CapturingLogs() {}

  /** Whether SLF4J is bound to this provider in this JVM. */
  static boolean bound() {
    return org.slf4j.LoggerFactory.getILoggerFactory().getLogger("dev.shipbridge.http") instanceof Logger;
  }

  /** Starts recording every level; forgets earlier lines. */
  static void start() {
    LINES.clear();
    LEVELS.clear();
    active = true;
  }

  /** Stops recording; returns the texts recorded (pattern, message, arguments, MDC, traces). */
  static List<String> stop() {
    active = false;
    return List.copyOf(LINES);
  }

  /** The levels of the lines recorded since {@link #start()}. */
  static List<Level> levels() {
    return List.copyOf(LEVELS);
  }

  static void record(Level level, String name, String pattern, Object[] args, Throwable t) {
    String formatted = MessageFormatter.basicArrayFormat(pattern, args);
    if (!active) {
      if (level.toInt() >= Level.WARN.toInt()) {
        System.err.println("[" + level + "] " + name + " - " + formatted + (t == null ? "" : "\n" + trace(t)));
      }
      return;
    }
    StringBuilder b = new StringBuilder().append(level).append(' ').append(name).append(" - ").append(pattern)
        .append('\n').append(formatted);
    if (args != null) {
      for (Object a : args) {
        b.append('\n').append(a);
        if (a instanceof Throwable x) b.append('\n').append(trace(x));
      }
    }
    java.util.Map<String, String> m = org.slf4j.MDC.getCopyOfContextMap();
    if (m != null) b.append('\n').append(m);
    if (t != null) b.append('\n').append(trace(t));
    LEVELS.add(level);
    LINES.add(b.toString());
  }

  private static String trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up
  }

  /** A logger that hands every line to the capture: every level while capturing, WARN and up otherwise. */
  static final class Logger extends AbstractLogger {
    private static final long serialVersionUID = 1L;

    Logger(String name) {
      this.name = name;
    }

    private static boolean on(Level level) {
      return active || level.toInt() >= Level.WARN.toInt();
    }

    @Override public boolean isTraceEnabled() { return on(Level.TRACE); }
    @Override public boolean isTraceEnabled(Marker marker) { return on(Level.TRACE); }
    @Override public boolean isDebugEnabled() { return on(Level.DEBUG); }
    @Override public boolean isDebugEnabled(Marker marker) { return on(Level.DEBUG); }
    @Override public boolean isInfoEnabled() { return on(Level.INFO); }
    @Override public boolean isInfoEnabled(Marker marker) { return on(Level.INFO); }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isWarnEnabled(Marker marker) { return true; }
    @Override public boolean isErrorEnabled() { return true; }
    @Override public boolean isErrorEnabled(Marker marker) { return true; }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
        Throwable throwable) {
      record(level, name, pattern, arguments, throwable);
    }
  }
}
