package dev.shipbridge.model;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;

/**
 * A new copy of a label already bought (outbound or return), optionally in another format. USPS
 * reprints a label at most 3 times, up to its mailing date, and never a cancelled one.
 *
 * <pre>{@code
 * Label again = shipbridge.returns().reprint(ReprintRequest.of(CarrierId.USPS, label.trackingNumber(), LabelFormat.zpl(203)));
 * }</pre>
 *
 * @param format the file wanted; null keeps the carrier's default (PDF 4x6)
 * @param account the account the call runs under, or null for the instance's own (see {@link
 *     #withAccount}); an id, not a secret, so it is part of {@code equals} and {@code toString}
 */
public record ReprintRequest(CarrierId carrier, String trackingNumber, LabelFormat format, AccountId account) {
  public ReprintRequest {
    format = format == null ? LabelFormat.PDF_4X6 : format;
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    if (c.notBlank("trackingNumber", trackingNumber, 40) && !trackingNumber.strip().matches("[A-Za-z0-9 ]{6,40}")) {
      c.add("trackingNumber", "must be 6 to 40 letters and digits");
    }
    c.throwIfAny();
    trackingNumber = trackingNumber.replace(" ", "").strip();
  }

  public static ReprintRequest of(CarrierId carrier, String trackingNumber, LabelFormat format) {
    return new ReprintRequest(carrier, trackingNumber, format, null);
  }

  /**
   * This reprint run under {@code account} (null: the instance's own), as {@code
   * shipbridge.account(account).returns().reprint(r)} runs it.
   *
   * <pre>{@code
   * Label copy = shipbridge.returns().reprint(ReprintRequest.of(CarrierId.USPS, n, null).withAccount(merchant));
   * }</pre>
   */
  public ReprintRequest withAccount(AccountId account) {
    return new ReprintRequest(carrier, trackingNumber, format, account);
  }
}
