package dev.shipbridge.model;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;
import java.time.LocalDate;
import java.util.List;

/**
 * A carrier pickup to book: where (the address, with a contact e-mail or phone), when, what is
 * ready and where it waits. The carrier's own limits (USPS: names and streets 50 characters, a
 * 10-digit cell number, instructions needed for {@link Location#OTHER}) are checked by the
 * facade before any call, every violation at once.
 *
 * <pre>{@code
 * Pickup p = shipbridge.pickups().schedule(PickupRequest.builder().carrier(CarrierId.USPS)
 *     .address(warehouse).date(LocalDate.of(2026, 3, 4))
 *     .pkg(PickupRequest.Kind.PRIORITY, 3).estimatedWeight(Weight.kilograms("6"))
 *     .location(PickupRequest.Location.FRONT_DOOR).build());
 * }</pre>
 *
 * @param address where to pick up; its name, e-mail or phone make the contact
 * @param date the day wanted
 * @param packages what is ready, one entry per kind (at least one)
 * @param estimatedWeight the total weight of all packages
 * @param location where the packages wait
 * @param instructions where exactly (required by USPS for {@link Location#OTHER}), optional
 * @param dogPresent whether a dog is at the address
 * @param nextAvailableDate when the date has no pickup service, book the next day that has
 * @param account the account the call runs under, or null for the instance's own (see {@link
 *     #withAccount}); an id, not a secret, so it is part of {@code equals} and {@code toString}
 */
public record PickupRequest(CarrierId carrier, Address address, LocalDate date, List<Package> packages,
    Weight estimatedWeight, Location location, String instructions, boolean dogPresent, boolean nextAvailableDate,
    AccountId account) {

  /** What kind of parcels are ready. */
  public enum Kind { EXPRESS, PRIORITY, GROUND, FIRST_CLASS, RETURNS, INTERNATIONAL, OTHER }

  /** Where the parcels wait at the address. */
  public enum Location { FRONT_DOOR, BACK_DOOR, SIDE_DOOR, KNOCK_ON_DOOR, MAIL_ROOM, OFFICE, PORCH, RECEPTION, MAILBOX, OTHER }

  /** {@code count} parcels of one kind. */
  public record Package(Kind kind, int count) {
    public Package {
      Checks c = new Checks();
      c.notNull("kind", kind);
      if (count < 1) c.add("count", "must be at least 1 (was " + count + ")");
      c.throwIfAny();
    }
  }

  public PickupRequest {
    packages = packages == null ? List.of() : List.copyOf(packages);
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    c.notNull("address", address);
    c.notNull("date", date);
    c.notNull("estimatedWeight", estimatedWeight);
    c.notNull("location", location);
    if (packages.isEmpty()) c.add("packages", "at least one kind of package must be ready");
    if (packages.stream().map(Package::kind).distinct().count() < packages.size()) {
      c.add("packages", "each kind once: add up the counts");
    }
    c.text("instructions", instructions, 500);
    c.throwIfAny();
  }

  /**
   * This request run under {@code account} (null: the instance's own), as {@code
   * shipbridge.account(account).pickups().schedule(r)} (or {@code change}) runs it.
   *
   * <pre>{@code
   * Pickup p = shipbridge.pickups().schedule(request.withAccount(AccountId.of("merchant-42")));
   * }</pre>
   */
  public PickupRequest withAccount(AccountId account) {
    return new PickupRequest(carrier, address, date, packages, estimatedWeight, location, instructions, dogPresent,
        nextAvailableDate, account);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this request's values (its account too), to change a booked pickup. */
  public Builder toBuilder() {
    Builder b = new Builder().carrier(carrier).address(address).date(date).estimatedWeight(estimatedWeight)
        .location(location).instructions(instructions).dogPresent(dogPresent).nextAvailableDate(nextAvailableDate)
        .account(account);
    b.packages.addAll(packages);
    return b;
  }

  /** Builds a {@link PickupRequest}; {@link #build()} reports every violation at once. */
  public static final class Builder {
    private CarrierId carrier;
    private Address address;
    private LocalDate date;
    private final java.util.ArrayList<Package> packages = new java.util.ArrayList<>();
    private Weight estimatedWeight;
    private Location location;
    private String instructions;
    private boolean dogPresent;
    private boolean nextAvailableDate;
    private AccountId account;

    private Builder() {}

    public Builder carrier(CarrierId v) { this.carrier = v; return this; }
    public Builder address(Address v) { this.address = v; return this; }
    public Builder date(LocalDate v) { this.date = v; return this; }
    /** Adds {@code count} packages of {@code kind}. */
    public Builder pkg(Kind kind, int count) { this.packages.add(new Package(kind, count)); return this; }
    /** Replaces the packages. */
    public Builder packages(List<Package> v) { this.packages.clear(); this.packages.addAll(v); return this; }
    public Builder estimatedWeight(Weight v) { this.estimatedWeight = v; return this; }
    public Builder location(Location v) { this.location = v; return this; }
    public Builder instructions(String v) { this.instructions = v; return this; }
    public Builder dogPresent(boolean v) { this.dogPresent = v; return this; }
    public Builder nextAvailableDate(boolean v) { this.nextAvailableDate = v; return this; }
    /** The account the pickup is booked under; see {@link PickupRequest#withAccount}. */
    public Builder account(AccountId v) { this.account = v; return this; }

    public PickupRequest build() {
      return new PickupRequest(carrier, address, date, packages, estimatedWeight, location, instructions, dogPresent,
          nextAvailableDate, account);
    }
  }
}
