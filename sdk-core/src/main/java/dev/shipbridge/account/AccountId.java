package dev.shipbridge.account;

import dev.shipbridge.ValidationException;
import java.util.regex.Pattern;

/**
 * The name of the account a call runs under, as the platform knows it (a merchant id): 1 to 128
 * letters, digits and {@code . _ : @ -}, starting with a letter or digit. Not a secret, and shown:
 * it is part of requests' {@code toString}, of messages and logs, so it must not be personal data
 * (no e-mail address, no person's name): use your own merchant key.
 *
 * <pre>{@code
 * Shipbridge merchant = shipbridge.account(AccountId.of("merchant-42"));
 * }</pre>
 */
public record AccountId(String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

  /** @throws ValidationException when {@code value} is not of the form above */
  public AccountId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw ValidationException.of("accountId", "must be 1 to 128 letters, digits and . _ : @ -, starting with a letter or digit");
    }
  }

  /** The account named {@code value}. */
  public static AccountId of(String value) {
    return new AccountId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
