package dev.shipbridge.spi;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * State a root {@link dev.shipbridge.Shipbridge} owns and hands, through {@link
 * CarrierContext#memory()}, to every carrier it binds: its own, those of each instance bound for one
 * of its accounts (also one rebuilt after an eviction or {@code forgetAccount}) and those of its
 * {@code newBuilder()} variants. An adapter keeps here what must outlive one bound carrier: what it
 * bought under an idempotency key, the secrets of the subscriptions it created. Name an entry after
 * the adapter and carrier id, and key what it holds by {@link CarrierContext#account()} when it is
 * one account's. In this JVM; thread-safe; {@code toString()} shows only the number of entries.
 *
 * <pre>{@code
 * OrderMemory orders = context.memory().entry("acme.orders:" + id(), OrderMemory.class, OrderMemory::new);
 * }</pre>
 */
public final class CarrierMemory {
  private final ConcurrentHashMap<String, Object> entries = new ConcurrentHashMap<>();

  /** An empty memory (a root {@code Shipbridge} makes one; a test binding a carrier by hand may too). */
  public CarrierMemory() {}

  /**
   * The entry named {@code name}, made with {@code create} on first ask (once, also under races).
   *
   * @throws ClassCastException when the entry of that name is not a {@code type}
   */
  public <T> T entry(String name, Class<T> type, Supplier<? extends T> create) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(create, "create");
    return type.cast(entries.computeIfAbsent(name, n -> Objects.requireNonNull(create.get(), "created entry")));
  }

  @Override
  public String toString() {
    return "CarrierMemory[" + entries.size() + " entries]";
  }
}
