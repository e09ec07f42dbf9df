package dev.shipbridge.cainiao.internal;

import static dev.shipbridge.cainiao.internal.WireJson.at;
import static dev.shipbridge.cainiao.internal.WireJson.decimal;
import static dev.shipbridge.cainiao.internal.WireJson.intValue;
import static dev.shipbridge.cainiao.internal.WireJson.list;
import static dev.shipbridge.cainiao.internal.WireJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.JsonCodec;
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
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cainiao.global.solution.inquiry}: a quote request to its parameters, and each usable
 * solution to one {@link Quote}. Pure: no I/O.
 *
 * <ul>
 *   <li>total: the fee of type {@code POST_ESTIMATED_COST} (else the first readable fee), in the
 *       currency Cainiao gives; whole values are minor units, values with decimals major units
 *       (see {@link #fee}); the fee details become the breakdown;
 *   <li>transit: the fastest {@code fast_timing} and slowest {@code slowest_timing} in days, from
 *       the {@code PROMISE} timings when there are any (days basis {@code COMMITMENT}), else the
 *       {@code ESTIMATE} ones (days basis {@code ESTIMATE}); no timing: {@code UNKNOWN};
 *   <li>details: {@code recommendIndex}, {@code timingType}, {@code timingText}, {@code feeType};
 *   <li>legs: a solution carries the parcel from the seller to the consumer's door, so a
 *       cross-border solution covers every leg, FIRST_MILE to LAST_MILE.
 * </ul>
 */
public final class QuoteMapper {
  private static final Logger log = LoggerFactory.getLogger(QuoteMapper.class);
  public static final String METHOD = "cainiao.global.solution.inquiry";

  private QuoteMapper() {}

  /** Cainiao serves sellers in mainland China; other origins get no quote and no call. */
  public static boolean serves(QuoteRequest request) {
    return "CN".equals(request.from().country());
  }

  public static Map<String, String> toWire(QuoteRequest request, String locale) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("package_params", json(List.of(PackageParams.of(request.parcel(), request.customs()))));
    p.put("locale", locale);
    return p;
  }

  public static List<Quote> fromWire(JsonNode answer, QuoteRequest request, CainiaoErrors.Call call) {
    CainiaoErrors.requireSuccess(answer, call);
    JsonNode result = at(answer, "result");
    List<JsonNode> solutions = list(result.isMissingNode() ? answer : result, "usable_solution_list", "solution_list");
    if (solutions.isEmpty() && !result.isMissingNode()) solutions = list(answer, "usable_solution_list");
    Set<Leg> legs = request.isInternational() ? EnumSet.allOf(Leg.class) : EnumSet.of(Leg.FIRST_MILE, Leg.LAST_MILE);
    List<Quote> out = new ArrayList<>();
    for (JsonNode s : solutions) {
      Quote q = solution(s, legs, call);
      if (q != null) out.add(q);
    }
    return out;
  }

  static Quote solution(JsonNode s, Set<Leg> legs, CainiaoErrors.Call call) {
    String code = text(s, "code", "solution_code");
    if (code == null) {
      log.debug("A Cainiao solution without a code was skipped");
      return null;
    }
    JsonNode fee = chooseFee(list(s, "fee_list"));
    Money total = fee == null ? null : fee(decimal(fee, "total_fee"), text(fee, "currency"));
    if (total == null) {
      log.debug("Cainiao solution {} has no readable fee and was skipped", code);
      return null;
    }
    List<Quote.Charge> breakdown = new ArrayList<>();
    for (JsonNode d : list(fee, "fee_detail_list")) {
      Money m = fee(decimal(d, "fee"), text(d, "fee_currency", "currency"));
      if (m != null) breakdown.add(new Quote.Charge(text(d, "fee_detail_type") == null ? "fee" : text(d, "fee_detail_type"), m));
    }
    List<JsonNode> timings = list(s, "timing_list");
    List<JsonNode> chosen = timings.stream().filter(t -> "PROMISE".equalsIgnoreCase(text(t, "timing_type"))).toList();
    if (chosen.isEmpty()) chosen = timings;
    Integer fastest = null;
    Integer slowest = null;
    String timingText = null;
    String timingType = null;
    for (JsonNode t : chosen) {
      Integer f = intValue(t, "fast_timing");
      Integer sl = intValue(t, "slowest_timing");
      if (f != null && f >= 0) fastest = fastest == null ? f : Math.min(fastest, f);
      if (sl != null && sl >= 0) slowest = slowest == null ? sl : Math.max(slowest, sl);
      if (timingText == null) timingText = text(t, "display_text");
      if (timingType == null) timingType = text(t, "timing_type");
    }
    if (fastest != null && slowest != null && fastest > slowest) {
      int tmp = fastest;
      fastest = slowest;
      slowest = tmp;
    }
    Map<String, String> details = new LinkedHashMap<>();
    putIfPresent(details, "recommendIndex", text(s, "recommend_index"));
    putIfPresent(details, "timingType", timingType);
    putIfPresent(details, "timingText", timingText);
    putIfPresent(details, "feeType", text(fee, "fee_type"));
    putIfPresent(details, "totalFeeRaw", text(fee, "total_fee"));
    String name = text(s, "name", "solution_name");
    try {
      return Quote.builder(call.carrier(), code, total).serviceName(name).serviceLevel(level(code, name))
          .breakdown(breakdown).transitDays(fastest, slowest).legs(legs).details(details)
          .daysBasis("PROMISE".equalsIgnoreCase(timingType) ? DaysBasis.COMMITMENT : DaysBasis.ESTIMATE).build();
    } catch (ValidationException e) {
      log.debug("Cainiao solution {} could not be represented and was skipped: {}", code, e.getMessage());
      return null;
    }
  }

  private static JsonNode chooseFee(List<JsonNode> fees) {
    JsonNode first = null;
    for (JsonNode f : fees) {
      if (decimal(f, "total_fee") == null || text(f, "currency") == null) continue;
      if ("POST_ESTIMATED_COST".equalsIgnoreCase(text(f, "fee_type"))) return f;
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
   * A fee in either of the two readings the sources allow: the reference does not say whether
   * {@code total_fee}/{@code fee} are major units or minor units (fen, cents, as item prices are).
   * A value with a fractional part ({@code "58.30"}) can only be major units; a whole value
   * ({@code 1815}) is read as minor units, like every other Cainiao money field documented. The
   * raw value is kept in the quote's details ({@code totalFeeRaw}).
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

  static String json(Object value) {
    return new String(JsonCodec.standard().write(value), java.nio.charset.StandardCharsets.UTF_8);
  }

  static void putIfPresent(Map<String, String> m, String k, String v) {
    if (v != null) m.put(k, v);
  }
}
