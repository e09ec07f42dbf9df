package dev.shipbridge.it.logging;

import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that hands every event to {@link Capture}: all levels while capturing, WARN and up otherwise. */
final class CapturingLogger extends AbstractLogger {
  private static final long serialVersionUID = 1L;

  CapturingLogger(String name) {
    this.name = name;
  }

  private static boolean on(Level level) {
    return Capture.active() || level.toInt() >= Level.WARN.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return on(Level.TRACE);
  }

  @Override
  public boolean isTraceEnabled(Marker marker) {
    return on(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return on(Level.DEBUG);
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return on(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return on(Level.INFO);
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return on(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return true;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
      Throwable throwable) {
    String formatted = MessageFormatter.basicArrayFormat(pattern, arguments);
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    Capture.record(new Capture.Event(level, name, pattern, formatted, arguments, mdc, throwable));
  }
}
