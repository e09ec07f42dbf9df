package dev.shipbridge.account;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.Carrier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One account's settings per carrier: the carriers (unbound adapters) configured with this
 * account's credentials, payment account and authorization, e.g. a {@code UspsCarrier} with the
 * merchant's {@code UspsAuthorization} and payment account, a {@code CainiaoCarrier} with its keys.
 * Shipbridge binds them once per account (tokens, breakers per account) and counts their calls on
 * the rate limiter of the quota each carrier names ({@link Carrier#quotaKey()}: for USPS its
 * client id), unless {@link Builder#quotaKey} says otherwise. Immutable; {@code toString()} names
 * only the account and its carrier ids.
 *
 * <pre>{@code
 * CarrierAccount account = CarrierAccount.builder(AccountId.of("merchant-42"))
 *     .carrier(UspsCarrier.builder().clientId(id).clientSecret(secret).paymentAccount(payment).build())
 *     .build();
 * }</pre>
 */
public final class CarrierAccount {
  private final AccountId id;
  private final List<Carrier> carriers;
  private final Map<CarrierId, String> quotaKeys;

  private CarrierAccount(Builder b) {
    this.id = b.id;
    this.carriers = List.copyOf(b.carriers);
    this.quotaKeys = Map.copyOf(b.quotaKeys);
  }

  /** Starts an account named {@code id}. */
  public static Builder builder(AccountId id) {
    return new Builder(Objects.requireNonNull(id, "id"));
  }

  /** The account's name. */
  public AccountId id() {
    return id;
  }

  /** The account's carriers, unbound, in the order given. */
  public List<Carrier> carriers() {
    return carriers;
  }

  /** The quota key set for {@code carrier} with {@link Builder#quotaKey}, if any. */
  public Optional<String> quotaKey(CarrierId carrier) {
    return Optional.ofNullable(quotaKeys.get(carrier));
  }

  @Override
  public String toString() {
    return "CarrierAccount[id=" + id + ", carriers=" + carriers.stream().map(Carrier::id).toList() + "]";
  }

  /** Builds a {@link CarrierAccount}; not thread-safe. */
  public static final class Builder {
    private final AccountId id;
    private final List<Carrier> carriers = new ArrayList<>();
    private final Map<CarrierId, String> quotaKeys = new LinkedHashMap<>();

    private Builder(AccountId id) {
      this.id = id;
    }

    /** Adds this account's adapter of one carrier (configured with the account's credentials). */
    public Builder carrier(Carrier carrier) {
      carriers.add(Objects.requireNonNull(carrier, "carrier"));
      return this;
    }

    /**
     * Counts this account's calls to {@code carrier} against the quota named {@code key} instead of
     * the carrier's own {@link Carrier#quotaKey()}: accounts with one key share rate limiters.
     */
    public Builder quotaKey(CarrierId carrier, String key) {
      Objects.requireNonNull(carrier, "carrier");
      if (key == null || key.isBlank()) throw new IllegalArgumentException("quota key must not be blank");
      quotaKeys.put(carrier, key);
      return this;
    }

    /** @throws ConfigurationException without a carrier, or with two carriers of one id */
    public CarrierAccount build() {
      List<ConfigurationException.Problem> problems = new ArrayList<>();
      if (carriers.isEmpty()) {
        problems.add(new ConfigurationException.Problem("carriers", "account " + id, "an account needs a carrier"));
      }
      List<CarrierId> seen = new ArrayList<>();
      for (Carrier c : carriers) {
        if (seen.contains(c.id())) {
          problems.add(new ConfigurationException.Problem("carriers", "account " + id, "two carriers with id " + c.id()));
        }
        seen.add(c.id());
      }
      if (!problems.isEmpty()) throw new ConfigurationException(problems);
      return new CarrierAccount(this);
    }
  }
}
