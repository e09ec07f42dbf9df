package dev.shipbridge.model;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels to hand over together: a USPS SCAN form, a Cainiao big-bag handover.
 *
 * <p>Labels bought for destination entry (USPS Parcel Select DDU, DSCF, DNDC: a {@link
 * LabelRequest#entryFacility()}) are handed over at that facility, not at {@code from}: say so per
 * label with {@link #withEntry}, giving the service code and facility the label was bought with.
 * One form covers the labels of one entry point; a request mixing entry points is refused, naming
 * its groups.
 *
 * <pre>{@code
 * Manifest form = shipbridge.manifest(new ManifestRequest(CarrierId.USPS, List.of(label.trackingNumber()),
 *     warehouse, null).withEntry(label.trackingNumber(), request.serviceCode(), request.entryFacility()));
 * }</pre>
 *
 * @param carrier whose labels
 * @param trackingNumbers at least one
 * @param from where they are handed over (and the mailer's address on the form)
 * @param shipDate null for today
 * @param entries by tracking number, where a label enters the carrier's network when that is not
 *     {@code from} (destination entry); a label not listed is handed over at {@code from}
 * @param account the account the call runs under, or null for the instance's own (see {@link
 *     #withAccount}); an id, not a secret, so it is part of {@code equals} and {@code toString}
 */
public record ManifestRequest(CarrierId carrier, List<String> trackingNumbers, Address from, LocalDate shipDate,
    Map<String, Entry> entries, AccountId account) {

  /**
   * Where one label enters the carrier's network.
   *
   * @param serviceCode the service code the label was bought with (it names the entry point's kind,
   *     e.g. USPS {@code PARCEL_SELECT:DE:MACHINABLE:DESTINATION_DELIVERY_UNIT})
   * @param facility the facility the label was bought for ({@link LabelRequest#entryFacility()})
   */
  public record Entry(String serviceCode, Address facility) {
    public Entry {
      Checks c = new Checks();
      c.notBlank("serviceCode", serviceCode, 128);
      c.notNull("facility", facility);
      c.throwIfAny();
    }
  }

  /** Labels all handed over at {@code from}. */
  public ManifestRequest(CarrierId carrier, List<String> trackingNumbers, Address from, LocalDate shipDate) {
    this(carrier, trackingNumbers, from, shipDate, null, null);
  }

  public ManifestRequest {
    // Copied with nulls kept, so that a null number is reported as a violation, not as a NullPointerException.
    trackingNumbers = trackingNumbers == null ? List.of()
        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(trackingNumbers));
    Map<String, Entry> copied = new LinkedHashMap<>();
    if (entries != null) entries.forEach(copied::put);
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    if (trackingNumbers.isEmpty()) c.add("trackingNumbers", "must list at least one label");
    for (int i = 0; i < trackingNumbers.size(); i++) c.notBlank("trackingNumbers[" + i + "]", trackingNumbers.get(i), 64);
    c.notNull("from", from);
    for (Map.Entry<String, Entry> e : copied.entrySet()) {
      if (!trackingNumbers.contains(e.getKey())) {
        c.add("entries[" + e.getKey() + "]", "names a label that is not in trackingNumbers");
      } else if (e.getValue() == null) {
        c.add("entries[" + e.getKey() + "]", "is required (leave the label out of entries when it is handed over at from)");
      }
    }
    c.throwIfAny();
    trackingNumbers = List.copyOf(trackingNumbers);
    entries = java.util.Collections.unmodifiableMap(copied);
  }

  /**
   * This request with {@code trackingNumber} entered at {@code facility}, as bought with {@code
   * serviceCode}; a null facility leaves the label handed over at {@code from}.
   */
  public ManifestRequest withEntry(String trackingNumber, String serviceCode, Address facility) {
    Map<String, Entry> more = new LinkedHashMap<>(entries);
    if (facility == null) more.remove(trackingNumber);
    else more.put(trackingNumber, new Entry(serviceCode, facility));
    return new ManifestRequest(carrier, trackingNumbers, from, shipDate, more, account);
  }

  /**
   * This request run under {@code account} (null: the instance's own), as {@code
   * shipbridge.account(account).manifest(r)} runs it: the account's labels, on its credentials.
   *
   * <pre>{@code
   * Manifest form = shipbridge.manifest(request.withAccount(AccountId.of("merchant-42")));
   * }</pre>
   */
  public ManifestRequest withAccount(AccountId account) {
    return new ManifestRequest(carrier, trackingNumbers, from, shipDate, entries, account);
  }
}
