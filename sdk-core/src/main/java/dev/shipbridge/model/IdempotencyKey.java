package dev.shipbridge.model;

import dev.shipbridge.ValidationException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Makes a label purchase safe to retry: the same key sent twice buys one label. Keep the key with
 * your order; if a call ends with an unknown outcome, retry with the same key or reconcile with it.
 *
 * <pre>{@code
 * IdempotencyKey key = IdempotencyKey.of("order-1042-label");
 * }</pre>
 *
 * @param value 1 to 64 characters of letters, digits, {@code - _ . :}
 */
public record IdempotencyKey(String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public IdempotencyKey {
    if (value == null || !FORM.matcher(value).matches()) {
      throw ValidationException.of("idempotencyKey", "must be 1 to 64 characters of letters, digits, '-', '_', '.', ':'");
    }
  }

  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  /** A fresh random key. */
  public static IdempotencyKey random() {
    return new IdempotencyKey(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
