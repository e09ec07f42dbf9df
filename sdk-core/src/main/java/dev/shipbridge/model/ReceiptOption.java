package dev.shipbridge.model;

/**
 * Whether a label purchase also asks the carrier for the postage receipt, and where it is printed.
 * The default of a {@link LabelRequest} is {@link #NONE}.
 *
 * <pre>{@code
 * LabelRequest request = LabelRequest.builder().quote(quote).from(warehouse).to(customer).parcel(parcel)
 *     .receipt(ReceiptOption.SEPARATE_DOCUMENT)
 *     .build();
 * byte[] receipt = shipbridge.label(request).receipt(); // the receipt as its own document
 * }</pre>
 *
 * <p>A carrier without receipts refuses anything but {@link #NONE} before any network call
 * (a {@code ValidationException}); it never drops the wish silently.
 */
public enum ReceiptOption {
  /** No receipt: the label only. */
  NONE,
  /**
   * The receipt as its own document, returned in {@link Label#receipt()} (USPS {@code
   * SEPARATE_PAGE}: the {@code receiptImage} part). For thermal formats (ZPL) USPS prints the
   * receipt as an extra segment of the label image instead, and {@link Label#receipt()} stays null.
   */
  SEPARATE_DOCUMENT,
  /** The receipt printed on the label's own page (USPS {@code SAME_PAGE}; not for ZPL). */
  SAME_PAGE
}
