package dev.shipbridge;

import java.util.List;

/**
 * The carrier refused the content of a request that passed Shipbridge's own validation (an
 * address it cannot serve, a service not offered on the lane). {@link #fieldErrors()} lists the
 * fields the carrier named.
 */
public class InvalidRequestException extends CarrierException {
  private static final long serialVersionUID = 1L;

  private final List<ValidationException.Violation> fieldErrors;

  public InvalidRequestException(Details details, List<ValidationException.Violation> fieldErrors) {
    super(details);
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public List<ValidationException.Violation> fieldErrors() {
    return fieldErrors;
  }
}
