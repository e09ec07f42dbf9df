package dev.shipbridge.examples;

import dev.shipbridge.sandbox.ShipbridgeSandbox;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.ExchangeRate;
import dev.shipbridge.model.ExchangeRates;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import java.io.PrintStream;
import java.util.Currency;
import java.util.EnumSet;

/**
 * Prices two parcels across every configured carrier in one call each, against the sandbox: a
 * China to US parcel (Cainiao door to door in CNY, USPS for the US last mile in USD) and a US
 * domestic one (USPS only: Cainiao quotes only from China, and says nothing rather than fail).
 * Prices in different currencies are listed side by side and chosen within one currency; Shipbridge
 * never converts them.
 *
 * <pre>java -cp examples/target/shipbridge-examples.jar dev.shipbridge.examples.QuoteOnly</pre>
 */
public final class QuoteOnly {
  private QuoteOnly() {}

  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    out.println("Mode: embedded sandbox (USPS and Cainiao emulators on 127.0.0.1)");
    try (ShipbridgeSandbox sandbox = Sandbox.start(); Shipbridge shipbridge = sandbox.builder().build()) {
      // 1. Cross-border: both carriers answer, in parallel.
      QuoteResult crossBorder = shipbridge.quote(CrossBorderShipment.quoteRequest());
      out.println();
      out.println("Hangzhou (CN) -> Brooklyn (US), 600 g, with customs:");
      CrossBorderShipment.printQuotes(crossBorder, out);
      out.println("  currencies: " + crossBorder.currencies() + " (never converted)");
      for (Currency c : crossBorder.currencies()) {
        crossBorder.cheapest(c).ifPresent(q -> out.printf("  cheapest in %s: %s %s at %s%n",
            c, q.carrier(), q.serviceName(), CrossBorderShipment.price(q.total())));
      }
      crossBorder.covering(EnumSet.allOf(Leg.class)).stream().findFirst().ifPresent(q -> out.printf(
          "  cheapest door to door: %s %s at %s%n", q.carrier(), q.serviceName(), CrossBorderShipment.price(q.total())));
      // is 6 USD cheaper than 11 CNY? Without exchange rates Shipbridge will not guess
      QuoteResult.Choice unranked = crossBorder.cheapestChoice();
      out.println("  cheapest() without a currency: refused, " + unranked.refusal() + " (" + unranked.explanation() + ")");
      // With rates you supply (never fetched), the same query ranks in one currency and shows the conversion.
      ExchangeRates rates = ExchangeRates.fixed().rate(ExchangeRate.of("USD", "CNY", "7.10", "example table",
          java.time.Instant.parse("2026-03-01T00:00:00Z"))).build();
      QuoteResult.Choice inUsd = crossBorder.covering(Leg.values()).withinDays(20)
          .withRates(rates, Currency.getInstance("USD")).cheapestChoice();
      inUsd.quote().ifPresent(q -> out.printf("  cheapest door to door within 20 days, ranked in USD: %s %s, %s%n",
          q.carrier(), q.serviceName(), inUsd.price()));

      // 2. Domestic: only USPS prices it; cheapestWithin needs no currency when there is one.
      QuoteRequest domestic = QuoteRequest.builder().from(Sandbox.stLouisWarehouse()).to(Sandbox.brooklynConsumer())
          .parcel(Parcel.of(Weight.pounds("2"))).build();
      QuoteResult us = shipbridge.quote(domestic);
      out.println();
      out.println("St. Louis, MO -> Brooklyn, NY, 2 lb:");
      CrossBorderShipment.printQuotes(us, out);
      out.println("  USPS quotes: " + us.of(CarrierId.USPS).size() + ", Cainiao quotes: " + us.of(CarrierId.CAINIAO).size());
      us.cheapest().ifPresent(q -> out.printf("  cheapest: %s %s at %s%n",
          q.carrier(), q.serviceName(), CrossBorderShipment.price(q.total())));
    }
  }
}
