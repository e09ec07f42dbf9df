package dev.shipbridge;

/**
 * The root of every exception Shipbridge throws. Unchecked: catch the subclass that says what you
 * can do about it ({@link ValidationException}: fix the input; {@link RateLimitedException}: wait;
 * {@link CarrierUnavailableException}: try another carrier or later).
 *
 * <p>Messages never contain secrets or personal data.
 */
public class ShipbridgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ShipbridgeException(String message) {
    super(message);
  }

  public ShipbridgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
