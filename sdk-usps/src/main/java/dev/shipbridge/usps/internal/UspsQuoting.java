package dev.shipbridge.usps.internal;

import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import dev.shipbridge.usps.UspsCarrier.PaymentAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USPS quotes: Shipping Options 3.0 first (one call for every mail class, with commitments); where
 * the account is refused it (403, or 404 where the API is not offered), the Prices APIs, and the
 * refusal is remembered for {@link #REFUSAL_MEMORY} so later quotes go to
 * Prices directly. Domestic quotes still without days get them from {@link ServiceStandards}.
 * Every quote says which API priced it in {@code details().get("quoteApi")}
 * ({@code shipping-options} or {@code prices}).
 */
public final class UspsQuoting {
  private static final Logger LOG = LoggerFactory.getLogger(UspsQuoting.class);
  /** How long a 403/404 refusal of Shipping Options is remembered (Prices answer directly meanwhile). */
  static final java.time.Duration REFUSAL_MEMORY = java.time.Duration.ofHours(24);

  private final PaymentAccount account;
  private final String inductionZip;
  private final QuoteSettings quoting;
  private final JsonCodec json;
  private final Clock clock;
  private final ServiceStandards standards;
  /** When Shipping Options last refused this account; null when it has not (or the refusal is forgotten). */
  private volatile Instant optionsRefused;

  /** {@code account} and {@code inductionZip} may be null (retail prices; no quotes from abroad). */
  public UspsQuoting(PaymentAccount account, String inductionZip, QuoteSettings quoting, UspsClient http) {
    this.account = account;
    this.inductionZip = inductionZip;
    this.quoting = quoting;
    this.json = http.json();
    this.clock = http.clock();
    this.standards = new ServiceStandards(http, quoting.standardsTtl());
  }

  /** Quotes through {@code via}: the client of the quote's attempt. */
  public List<Quote> quote(QuoteRequest request, UspsClient via) {
    LocalDate mailingDate = Units.mailingDate(request.shipDate(), clock);
    QuoteMapper.Query q = QuoteMapper.toWire(request, account, inductionZip, mailingDate);
    // Shipping Options needs every side above zero, where Prices take zeros for "not given": a
    // parcel without dimensions is priced by Prices, never with invented dimensions.
    List<Quote> quotes = q.dimensioned() && useOptions() ? fromOptions(q, mailingDate, via) : null;
    if (quotes == null) quotes = fromPrices(q, via);
    if (q.api() != UspsApi.DOMESTIC_PRICES) return quotes;
    QuoteWire.DomesticQuery d = (QuoteWire.DomesticQuery) q.body();
    return standards.fill(quotes, d.originZip(), d.destinationZip(), d.weight(), mailingDate, via);
  }

  /** Whether Shipping Options is asked: configured, and not refused within the remembered time. */
  boolean useOptions() {
    if (!quoting.shippingOptions()) return false;
    Instant refused = optionsRefused;
    if (refused == null) return true;
    if (refused.plus(REFUSAL_MEMORY).isAfter(clock.instant())) return false;
    optionsRefused = null;
    return true;
  }

  /** The options' quotes, or null when the API refused this account (remembered). */
  private List<Quote> fromOptions(QuoteMapper.Query q, LocalDate mailingDate, UspsClient via) {
    Call call = Call.search(UspsApi.SHIPPING_OPTIONS, json.write(OptionsMapper.toWire(q)), "options", "search");
    HttpResult r = via.send(call);
    if (r.status() == 403 || r.status() == 404) {
      optionsRefused = clock.instant();
      LOG.info("USPS Shipping Options answered {}: quoting with the Prices APIs (asked again after {})",
          r.status(), REFUSAL_MEMORY);
      return null;
    }
    OptionsWire.Response wire = via.read(call, r, OptionsWire.Response.class);
    return UspsClient.mapped("quote", () -> OptionsMapper.fromWire(wire, q, mailingDate));
  }

  private List<Quote> fromPrices(QuoteMapper.Query q, UspsClient via) {
    QuoteWire.Result wire = via.read(Call.search(q.api(), json.write(q.body()), "total-rates", "search"),
        QuoteWire.Result.class);
    return UspsClient.mapped("quote", () -> QuoteMapper.fromWire(wire, q));
  }
}
