/**
 * The carrier-neutral model: immutable records, validated when built, with accessors named
 * without {@code get}. Invalid values throw {@link dev.shipbridge.ValidationException} listing
 * every violation. Weights, lengths and money are exact {@link java.math.BigDecimal}s with their
 * unit or currency; {@code toString()} of anything holding personal data is redacted.
 *
 * <pre>{@code
 * Address to = Address.builder().name("Ada Lovelace").line("1 Main St")
 *     .city("Springfield").region("IL").postalCode("62701").country("US").build();
 * Parcel parcel = Parcel.of(Weight.grams(850));
 * QuoteRequest request = QuoteRequest.builder().from(from).to(to).parcel(parcel).build();
 * }</pre>
 */
package dev.shipbridge.model;
