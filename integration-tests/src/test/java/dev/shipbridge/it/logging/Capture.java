package dev.shipbridge.it.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.event.Level;

/**
 * What the loggers recorded. {@link #start()} turns every level on (TRACE included) and records
 * every event; outside a capture only WARN and ERROR are printed to standard error.
 */
public final class Capture {
  private static volatile boolean active;
  private static final ConcurrentLinkedQueue<Event> EVENTS = new ConcurrentLinkedQueue<>();

  private Capture() {}

  /** One logging call, with everything it was given. */
  public record Event(Level level, String logger, String pattern, String formatted, Object[] arguments,
      Map<String, String> mdc, Throwable throwable) {
    /** Every text this event holds: pattern, formatted message, arguments, MDC, and the throwable's full trace. */
    public List<String> texts() {
      List<String> out = new ArrayList<>();
      out.add(String.valueOf(pattern));
      out.add(String.valueOf(formatted));
      if (arguments != null) {
        for (Object a : arguments) {
          out.add(String.valueOf(a));
          if (a instanceof Throwable t) out.add(trace(t));
        }
      }
      if (mdc != null) mdc.forEach((k, v) -> out.add(k + "=" + v));
      if (throwable != null) out.add(trace(throwable));
      return out;
    }
  }

  public static boolean active() {
    return active;
  }

  /** Starts recording every level; forgets earlier events. */
  public static void start() {
    EVENTS.clear();
    active = true;
  }

  /** Stops recording and returns what was recorded. */
  public static List<Event> stop() {
    active = false;
    return List.copyOf(EVENTS);
  }

  static void record(Event e) {
    if (active) {
      EVENTS.add(e);
    } else {
      System.err.println("[" + e.level() + "] " + e.logger() + " - " + e.formatted()
          + (e.throwable() == null ? "" : "\n" + trace(e.throwable())));
    }
  }

  /** A throwable's full stack trace text, causes and suppressed included. */
  public static String trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
