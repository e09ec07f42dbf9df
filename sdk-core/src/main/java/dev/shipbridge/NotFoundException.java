package dev.shipbridge;

/** The carrier does not know the thing asked for: a tracking number, a label, an address. */
public class NotFoundException extends CarrierException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(Details details) {
    super(details);
  }
}
