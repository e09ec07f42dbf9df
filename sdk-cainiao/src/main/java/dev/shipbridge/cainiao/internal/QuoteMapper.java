package dev.shipbridge.cainiao.internal;

import static dev.shipbridge.cainiao.internal.CainiaoWire.orEmpty;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.ServiceLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cainiao.global.solution.inquiry}: each usable solution one door-to-door {@link Quote} (one
 * declared in {@link UsInductions} ends at US induction), priced by its {@code POST_ESTIMATED_COST}
 * fee (else the first readable one, see {@link #fee}), days from {@code PROMISE} timings, else estimates.
 */
public final class QuoteMapper {
  private static final Logger log = LoggerFactory.getLogger(QuoteMapper.class);
  public static final String METHOD = "cainiao.global.solution.inquiry";

  private QuoteMapper() {}

  /** Cainiao serves sellers in mainland China; other origins get no quote and no call. */
  public static boolean serves(QuoteRequest request) {
    return "CN".equals(request.from().country());
  }

  /** One inquiry, each usable solution one quote (the configured US-induction solutions end there). */
  public static List<Quote> quote(CainiaoTransport transport, CainiaoConfig config, QuoteRequest request) {
    if (!serves(request)) return List.of();
    var answer = transport.iop(METHOD, toWire(request, config.locale()), CainiaoWire.Inquiry.class,
        RequestSafety.IDEMPOTENT, null);
    return fromWire(answer, request, transport.call(METHOD, false, null), config.inductions());
  }

  /** The form of {@code cainiao.global.solution.inquiry}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Form(String packageParams, String locale) {}

  static Form toWire(QuoteRequest request, String locale) {
    return new Form(CainiaoJson.text(List.of(PackageParams.of(request.parcel(), request.customs()))), locale);
  }

  static List<Quote> fromWire(CainiaoWire.Reply<CainiaoWire.Inquiry> answer, QuoteRequest request, CainiaoErrors.Call call,
      UsInductions inductions) {
    CainiaoErrors.requireSuccess(answer.status(), call);
    CainiaoWire.Inquiry top = answer.body();
    CainiaoWire.Inquiry result = top == null ? null : top.result();
    CainiaoWire.Inquiry holder = result != null ? result : top;
    List<CainiaoWire.Solution> solutions = holder == null ? List.of()
        : holder.usableSolutionList() != null ? holder.usableSolutionList() : orEmpty(holder.solutionList());
    if (solutions.isEmpty() && result != null) solutions = orEmpty(top.usableSolutionList());
    Set<Leg> legs = request.isInternational() ? EnumSet.allOf(Leg.class) : EnumSet.of(Leg.FIRST_MILE, Leg.LAST_MILE);
    List<Quote> out = new ArrayList<>();
    for (CainiaoWire.Solution s : solutions) {
      boolean toInduction = s != null && inductions.endsAtInduction(s.code(), request);
      Quote q = s == null ? null : solution(s, toInduction ? UsInductions.TO_INDUCTION : legs, call);
      if (q != null && toInduction) q = q.withDetails(Map.of("handoverPostalCode", inductions.postalCode(s.code())));
      if (q != null) out.add(q);
    }
    return out;
  }

  static Quote solution(CainiaoWire.Solution s, Set<Leg> legs, CainiaoErrors.Call call) {
    String code = s.code();
    if (code == null) {
      log.debug("A Cainiao solution without a code was skipped");
      return null;
    }
    CainiaoWire.Fee fee = chooseFee(orEmpty(s.feeList()));
    Money total = fee == null ? null : fee(CainiaoJson.decimal(fee.totalFee()), fee.currency());
    if (total == null) {
      log.debug("Cainiao solution {} has no readable fee and was skipped", code);
      return null;
    }
    List<Quote.Charge> breakdown = new ArrayList<>();
    for (CainiaoWire.FeeDetail d : orEmpty(fee.feeDetailList())) {
      Money m = d == null ? null : fee(CainiaoJson.decimal(d.fee()), d.feeCurrency() != null ? d.feeCurrency() : d.currency());
      if (m != null) breakdown.add(new Quote.Charge(d.feeDetailType() == null ? "fee" : d.feeDetailType(), m));
    }
    List<CainiaoWire.Timing> timings = orEmpty(s.timingList()).stream().filter(Objects::nonNull).toList();
    List<CainiaoWire.Timing> chosen = timings.stream().filter(t -> "PROMISE".equalsIgnoreCase(t.timingType())).toList();
    if (chosen.isEmpty()) chosen = timings;
    Integer fastest = chosen.stream().map(CainiaoWire.Timing::fastTiming).filter(d -> d != null && d >= 0)
        .min(Integer::compare).orElse(null);
    Integer slowest = chosen.stream().map(CainiaoWire.Timing::slowestTiming).filter(d -> d != null && d >= 0)
        .max(Integer::compare).orElse(null);
    String timingText = chosen.stream().map(CainiaoWire.Timing::displayText).filter(Objects::nonNull).findFirst()
        .orElse(null);
    String timingType = chosen.stream().map(CainiaoWire.Timing::timingType).filter(Objects::nonNull).findFirst()
        .orElse(null);
    boolean swapped = fastest != null && slowest != null && fastest > slowest;
    Map<String, String> details = new LinkedHashMap<>();
    putIfPresent(details, "recommendIndex", s.recommendIndex());
    putIfPresent(details, "timingType", timingType);
    putIfPresent(details, "timingText", timingText);
    putIfPresent(details, "feeType", fee.feeType());
    putIfPresent(details, "totalFeeRaw", fee.totalFee());
    String name = s.name();
    try {
      return Quote.builder(call.carrier(), code, total).serviceName(name).serviceLevel(level(code, name))
          .breakdown(breakdown).transitDays(swapped ? slowest : fastest, swapped ? fastest : slowest)
          .legs(legs).details(details)
          .daysBasis("PROMISE".equalsIgnoreCase(timingType) ? DaysBasis.COMMITMENT : DaysBasis.ESTIMATE).build();
    } catch (ValidationException e) {
      log.debug("Cainiao solution {} could not be represented and was skipped: {}", code, e.getMessage());
      return null;
    }
  }

  private static CainiaoWire.Fee chooseFee(List<CainiaoWire.Fee> fees) {
    CainiaoWire.Fee first = null;
    for (CainiaoWire.Fee f : fees) {
      if (f == null || CainiaoJson.decimal(f.totalFee()) == null || f.currency() == null) continue;
      if ("POST_ESTIMATED_COST".equalsIgnoreCase(f.feeType())) return f;
      if (first == null) first = f;
    }
    return first;
  }

  static ServiceLevel level(String code, String name) {
    String s = (code + " " + (name == null ? "" : name)).toUpperCase(Locale.ROOT);
    if (s.contains("ECONOMY") || s.contains("SAVER")) return ServiceLevel.ECONOMY;
    if (s.contains("EXPRESS") || s.contains("PREMIUM") || s.contains("PRIORITY")) return ServiceLevel.EXPRESS;
    if (s.contains("STANDARD")) return ServiceLevel.STANDARD;
    return ServiceLevel.UNKNOWN;
  }

  /**
   * A fee: the reference does not say whether fees are major or minor units (fen, cents), so a value
   * with a fraction ({@code "58.30"}) is major units and a whole one ({@code 1815}) minor units, like
   * Cainiao's documented money fields. The raw value is kept in the details ({@code totalFeeRaw}).
   */
  static Money fee(BigDecimal raw, String currency) {
    if (raw == null || currency == null) return null;
    // Refuse absurd magnitudes before any arithmetic: moving the point of 1E+999999999 overflows.
    if ((long) raw.precision() - raw.scale() > 21 || raw.scale() > 21) return null;
    BigDecimal stripped = raw.stripTrailingZeros();
    boolean whole = stripped.scale() <= 0 && raw.scale() <= 0;
    if (!whole) return money(raw, currency);
    Money probe = money(BigDecimal.ZERO, currency);
    if (probe == null) return null;
    int digits = Math.max(0, probe.currency().getDefaultFractionDigits());
    return money(raw.movePointLeft(digits), currency);
  }

  static Money money(BigDecimal amount, String currency) {
    if (amount == null || currency == null || amount.signum() < 0) return null;
    try {
      return Money.of(amount, currency.toUpperCase(Locale.ROOT));
    } catch (ValidationException e) {
      return null;
    }
  }

  static void putIfPresent(Map<String, String> m, String k, String v) {
    if (v != null) m.put(k, v);
  }
}
