package dev.shipbridge.it;

import dev.shipbridge.model.Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Secret and personal values seeded into the scans: none of them may appear in any log event,
 * exception message, stack trace or {@code toString()}. Matched case-insensitively.
 */
final class Canaries {
  static final String CAINIAO_APP_SECRET = "CanaryAppSecret9c41e7";
  static final String CAINIAO_ACCESS_TOKEN = "CanaryAccessToken51d0a2";
  static final String LINK_SECRET = "CanaryLinkSecret7b3f95";
  static final String USPS_WEBHOOK_SECRET = "CanaryWebhookSecret2e8c";
  static final String WRONG_SECRET = "CanaryWrongSecret0d17";
  static final String NAME = "Quentin Canaryfield";
  static final String STREET = "742 Canarywharf Lane";
  static final String PHONE = "+1 415-555-0199";
  static final String EMAIL = "quentin.canary@example.org";

  /** The recipient every flow ships to. */
  static final Address RECIPIENT = Address.builder().name(NAME).line(STREET).city("Brooklyn").region("NY")
      .postalCode("11201").country("US").phone(PHONE).email(EMAIL).build();

  private final Map<String, String> values = new LinkedHashMap<>();

  Canaries() {
    add("Cainiao app secret", CAINIAO_APP_SECRET);
    add("Cainiao access token", CAINIAO_ACCESS_TOKEN);
    add("LINK secret key", LINK_SECRET);
    add("USPS webhook secret", USPS_WEBHOOK_SECRET);
    add("a wrong secret", WRONG_SECRET);
    add("recipient name", "Canaryfield");
    add("street line", "Canarywharf");
    add("phone", "555-0199");
    add("phone digits", "5550199");
    add("phone spaced", "555 0199");
    add("e-mail", "quentin.canary");
  }

  /** Adds a value to look for (a token captured from an emulator, say). */
  Canaries add(String what, String value) {
    if (value != null && value.length() >= 6) values.put(value.toLowerCase(Locale.ROOT), what);
    return this;
  }

  /** Every canary found in {@code text}, with some context, labelled with {@code where}. */
  List<String> find(String where, String text) {
    List<String> out = new ArrayList<>();
    if (text == null) return out;
    String lower = text.toLowerCase(Locale.ROOT);
    values.forEach((v, what) -> {
      int at = lower.indexOf(v);
      if (at >= 0) {
        int from = Math.max(0, at - 80);
        int to = Math.min(text.length(), at + v.length() + 40);
        out.add(what + " in " + where + ": ..." + text.substring(from, to).replace('\n', ' ') + "...");
      }
    });
    return out;
  }

  int size() {
    return values.size();
  }
}
