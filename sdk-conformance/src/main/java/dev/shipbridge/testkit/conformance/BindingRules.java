package dev.shipbridge.testkit.conformance;

import dev.shipbridge.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binding rules: the adapter reads time from the facade's {@code Clock} and caches tokens in
 * the facade's {@code TokenStore}.
 *
 * <ul>
 *   <li>every token the adapter stores expires after the facade's now and within 30 days of it (a
 *       lifetime counted on another clock lands elsewhere);
 *   <li>no request carries the machine's date or an epoch time within a day of the machine's
 *       clock (the kit's clock is months away from it);
 *   <li>a token planted in the facade's store is sent, and no other token is fetched.
 * </ul>
 */
final class BindingRules {
  private BindingRules() {}

  /** How far from the facade's now a stored token may expire. */
  static final Duration LONGEST_TOKEN = Duration.ofDays(30);

  private static final Pattern EPOCH = Pattern.compile("(?<![0-9])(1[0-9]{9}|1[0-9]{12})(?![0-9])");

  static List<String> tokenExpiries(Collection<TokenStore.Token> stored, Instant kitNow) {
    List<String> v = new ArrayList<>();
    for (TokenStore.Token t : stored) {
      Instant at = t.expiresAt();
      if (at == null || !at.isAfter(kitNow) || at.isAfter(kitNow.plus(LONGEST_TOKEN))) {
        v.add("a stored token expires at " + at + ", not within " + LONGEST_TOKEN.toDays() + " days after the facade's now "
            + kitNow + ": its lifetime was not counted on the facade's clock");
      }
    }
    return v;
  }

  /**
   * The requests (as text: method, URL, headers, body) that carry the machine's date or an epoch
   * time within a day of the machine's clock. Empty when the two clocks are too close to tell.
   */
  static List<String> systemClockInRequests(List<String> requests, Instant systemNow, Instant kitNow) {
    List<String> v = new ArrayList<>();
    Duration day = Duration.ofDays(1);
    if (Duration.between(kitNow, systemNow).abs().compareTo(Duration.ofDays(3)) < 0) return v;
    LocalDate today = LocalDate.ofInstant(systemNow, ZoneOffset.UTC);
    List<String> dates = List.of(today.minusDays(1).toString(), today.toString(), today.plusDays(1).toString());
    for (int i = 0; i < requests.size(); i++) {
      String r = requests.get(i);
      for (String d : dates) {
        if (r.contains(d)) v.add("request #" + (i + 1) + " carries the machine's date " + d + ", not the facade's clock");
      }
      Matcher m = EPOCH.matcher(r);
      while (m.find()) {
        String n = m.group(1);
        Instant at = n.length() == 13 ? Instant.ofEpochMilli(Long.parseLong(n)) : Instant.ofEpochSecond(Long.parseLong(n));
        if (Duration.between(at, systemNow).abs().compareTo(day) < 0) {
          v.add("request #" + (i + 1) + " carries an epoch time of the machine's clock (" + at + "), not the facade's");
        }
      }
    }
    return v;
  }

  /**
   * The violations when tokens were planted in the facade's store: each planted value must appear
   * in a request sent, and the adapter must not have fetched or stored another.
   */
  static List<String> plantedTokensUsed(Collection<String> planted, List<String> requests, int fetches, int puts) {
    List<String> v = new ArrayList<>();
    for (String token : planted) {
      if (requests.stream().noneMatch(r -> r.contains(token))) {
        v.add("a token planted in the facade's token store was not sent (token #" + (new ArrayList<>(planted).indexOf(token) + 1) + ")");
      }
    }
    if (fetches > 0 || puts > 0) {
      v.add("with a valid token in the facade's store the adapter fetched " + fetches + " and stored " + puts + " more");
    }
    return v;
  }
}
