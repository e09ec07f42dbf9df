package dev.shipbridge;

/**
 * A call on a {@link Shipbridge} after {@link Shipbridge#close()}: nothing was sent. Blocking calls
 * throw it; {@code ...Async} calls return a future failed with it.
 *
 * <pre>{@code
 * shipbridge.close();
 * shipbridge.trackAsync("LP00123456789012").exceptionally(e -> null); // failed with ShipbridgeClosedException
 * }</pre>
 */
public final class ShipbridgeClosedException extends ShipbridgeException {
  private static final long serialVersionUID = 1L;

  public ShipbridgeClosedException() {
    super("this Shipbridge is closed; the call was not sent");
  }
}
