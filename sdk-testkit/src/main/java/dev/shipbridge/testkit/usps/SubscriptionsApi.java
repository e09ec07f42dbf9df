package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Subscriptions - Tracking ({@code /subscriptions-tracking/v3r2}): create (201), list, get, update
 * (PUT of the whole subscription, {@code If-Match} needed) and delete (204), strict as the spec
 * (secret of exactly 32 characters, listener URL of at most 200, 1 to 3 administrators, a MID of 6
 * or 9 digits, the event enums; what a subscription follows cannot change). It also writes the
 * notification USPS would post to a subscription's listener, signed as the spec says ({@code
 * X-HMAC}: Base64 HMAC-SHA256 of timestamp + payload under the secret); it never posts it.
 */
final class SubscriptionsApi {
  static final Set<String> MID_EVENTS = Set.of("ALL_UPDATES", "DELIVERY_ACTIVITY", "PACKAGE_DELAYED", "SCAN_EVENT_EXTRACT");
  static final Set<String> NUMBER_EVENTS = Set.of("ALL_UPDATES", "DELIVERY_ACTIVITY", "PACKAGE_DELAYED");
  static final Set<String> WRITABLE_STATUS = Set.of("ENABLED", "DISABLED");

  private record Tag(String id, Instant issued) {}

  private final UspsService s;
  private final Map<String, Json.Obj> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, Tag> etags = new ConcurrentHashMap<>();

  SubscriptionsApi(UspsService s) {
    this.s = s;
  }

  void reset() {
    subscriptions.clear();
    etags.clear();
  }

  Wire.Reply create(String api, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    Problems p = new Problems();
    Map<String, Object> filter = requiredObject(req, "filterProperties", p);
    checkCommon(req, p);
    if (filter != null) {
      String mid = str(filter, "MID");
      String number = str(filter, "trackingNumber");
      if ((mid == null) == (number == null)) {
        p.add("160252", "Invalid filterProperties", "filterProperties needs MID or trackingNumber.", "filterProperties");
      }
      if (mid != null && !mid.matches("\\d{6}|\\d{9}")) p.add("160252", "Invalid MID", "MID must be 6 or 9 digits.", "filterProperties.MID");
      Set<String> allowed = mid != null ? MID_EVENTS : NUMBER_EVENTS;
      if (filter.get("trackingEventTypes") instanceof List<?> types) {
        for (Object t : types) {
          if (!allowed.contains(String.valueOf(t))) {
            p.add("160252", "Invalid trackingEventTypes", t + " is not a valid tracking event type.", "filterProperties.trackingEventTypes");
          }
        }
      }
    }
    p.throwIfAny();
    String id = UUID.randomUUID().toString();
    Instant now = s.clock.instant();
    Json.Obj sub = Json.obj();
    sub.putAll(req);
    sub.with("subscriptionId", id).with("status", "ENABLED").with("creationTimestamp", iso(now))
        .with("statusChangeTimestamp", iso(now)).with("expirationTimestamp", iso(now.plus(Duration.ofDays(30))));
    subscriptions.put(id, sub);
    return Wire.withHeader(withTag(Wire.json(201, sub), id), "Location", "/subscriptions-tracking/v3r2/subscriptions/" + id);
  }

  Wire.Reply list(String api, Map<String, List<String>> query) {
    Problems p = new Problems();
    int offset = integer(query, "offset", 0, 0, Integer.MAX_VALUE, p);
    int limit = integer(query, "limit", 20, 1, 100, p);
    p.throwIfAny();
    Set<String> mids = csv(first(query, "MID"));
    Set<String> numbers = csv(first(query, "trackingNumber"));
    List<Object> matching = new ArrayList<>();
    for (Json.Obj sub : subscriptions.values()) {
      Map<String, Object> f = object(sub.get("filterProperties"), "filterProperties");
      if ((mids.isEmpty() || mids.contains(str(f, "MID"))) && (numbers.isEmpty() || numbers.contains(str(f, "trackingNumber")))) {
        matching.add(sub);
      }
    }
    List<Object> page = matching.subList(Math.min(offset, matching.size()), Math.min(matching.size(), offset + limit));
    return Wire.json(200, Json.obj().with("subscriptions", new ArrayList<>(page)).with("metadata",
        Json.obj().with("offset", offset).with("limit", limit).with("totalCount", matching.size())
            .with("page", offset / limit + 1).with("totalPages", (matching.size() + limit - 1) / limit)));
  }

  Wire.Reply get(String api, String id) {
    Json.Obj sub = subscriptions.get(id);
    return sub == null ? notFound(api, id) : withTag(Wire.json(200, sub), id);
  }

  Wire.Reply update(String api, TreeMap<String, String> headers, String id, String body) {
    Json.Obj sub = subscriptions.get(id);
    if (sub == null) return notFound(api, id);
    Wire.Reply refused = checkTag(api, headers, id);
    if (refused != null) return refused;
    Map<String, Object> req = object(Json.parse(body), "body");
    Problems p = new Problems();
    Map<String, Object> filter = requiredObject(req, "filterProperties", p);
    checkCommon(req, p);
    if (filter != null && !filter.equals(sub.get("filterProperties"))) {
      p.add("160252", "filterProperties cannot change", "To change filter properties, create a new subscription.",
          "filterProperties");
    }
    String status = str(req, "status");
    if (status != null && !WRITABLE_STATUS.contains(status)) {
      p.add("160252", "Invalid status", "status may be set to ENABLED or DISABLED.", "status");
    }
    p.throwIfAny();
    for (String k : List.of("listenerURL", "secret", "adminNotification")) sub.put(k, req.get(k));
    if (status != null && !status.equals(sub.get("status"))) {
      sub.put("status", status);
      sub.put("statusChangeTimestamp", iso(s.clock.instant()));
    }
    return withTag(Wire.json(200, sub), id);
  }

  Wire.Reply delete(String api, TreeMap<String, String> headers, String id) {
    if (!subscriptions.containsKey(id)) return notFound(api, id);
    Wire.Reply refused = checkTag(api, headers, id);
    if (refused != null) return refused;
    subscriptions.remove(id);
    return new Wire.Reply(204, Map.of(), new byte[0]);
  }

  /**
   * The notification USPS posts to subscription {@code id}'s listener about {@code number}: its JSON
   * body and headers ({@code X-HMAC} when the subscription has a secret).
   */
  Map.Entry<String, Map<String, String>> notification(String id, String number) {
    Json.Obj sub = subscriptions.get(id);
    if (sub == null) throw new IllegalArgumentException("no subscription " + id);
    String n = normalise(number);
    Parcel parcel = s.parcels.get(n);
    if (parcel == null) throw new IllegalArgumentException("no parcel " + number);
    String payload = Json.write(Tracking.detailV3r2(parcel, Tracking.events(parcel, s.clock.instant())));
    String timestamp = iso(s.clock.instant());
    String body = Json.write(Json.obj().with("subscriptionId", id).with("subscriptionType", "TRACKING")
        .with("timestamp", timestamp).with("payload", payload));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    String secret = str(sub, "secret");
    if (secret != null) headers.put("X-HMAC", hmac(secret, timestamp + payload));
    return Map.entry(body, headers);
  }

  static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void checkCommon(Map<String, Object> req, Problems p) {
    String url = str(req, "listenerURL");
    if (url == null) p.required("listenerURL");
    else if (url.length() > 200 || !url.matches("(?i)https?://[^\\s/]+(/\\S*)?")) {
      p.add("160252", "Invalid listenerURL", "listenerURL must be a URL of at most 200 characters.", "listenerURL");
    }
    String secret = str(req, "secret");
    if (secret == null) p.required("secret");
    else if (secret.length() != 32) p.add("160252", "Invalid secret", "secret must be exactly 32 characters.", "secret");
    if (!(req.get("adminNotification") instanceof List<?> admins) || admins.isEmpty() || admins.size() > 3) {
      p.add("160252", "Invalid adminNotification", "adminNotification must hold 1 to 3 e-mail addresses.", "adminNotification");
    } else {
      for (int i = 0; i < admins.size(); i++) {
        String e = str(object(admins.get(i), "adminNotification[" + i + "]"), "email");
        if (e == null || e.length() > 50 || !e.matches("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}")) {
          p.add("160252", "Invalid email", "adminNotification[" + i + "].email is not a valid e-mail address.",
              "adminNotification[" + i + "].email");
        }
      }
    }
  }

  private Wire.Reply checkTag(String api, TreeMap<String, String> headers, String id) {
    String given = headers.get("If-Match");
    if (given == null || given.isBlank()) {
      return Wire.badRequest(api, "160252", "Missing If-Match", "If-Match is required.", "Header: If-Match");
    }
    Tag t = etags.remove(given.trim());
    if (t == null || !t.id().equals(id) || !s.clock.instant().isBefore(t.issued().plus(Duration.ofHours(1)))) {
      return Wire.error(412, api, "Precondition Failed", List.of(Wire.item("412", null, "Precondition Failed",
          "The ETag given in If-Match is not current for this subscription.", "Header: If-Match")));
    }
    etags.values().removeIf(o -> o.id().equals(id));
    return null;
  }

  private Wire.Reply withTag(Wire.Reply r, String id) {
    String tag = UUID.randomUUID().toString().replace("-", "");
    etags.put(tag, new Tag(id, s.clock.instant()));
    return Wire.withHeader(r, "ETag", tag);
  }

  /**
   * The spec lists no 404 for these paths: an unknown id is a 400 with the ErrorMessage envelope (the
   * wording is the emulator's; USPS's is not documented).
   */
  private static Wire.Reply notFound(String api, String id) {
    return Wire.badRequest(api, null, "Subscription not found", "Subscription not found: " + id, "subscriptionId");
  }

  private static int integer(Map<String, List<String>> q, String key, int dflt, int min, int max, Problems p) {
    String v = first(q, key);
    if (v == null) return dflt;
    try {
      int n = new BigDecimal(v).intValueExact();
      if (n >= min && n <= max) return n;
    } catch (ArithmeticException | NumberFormatException e) {
      // refused below
    }
    p.add("160252", "Invalid " + key, key + " must be an integer from " + min + " to " + max + ".", key);
    return dflt;
  }

  private static Set<String> csv(String v) {
    return v == null || v.isBlank() ? Set.of() : Set.of(v.split(","));
  }

  private static String iso(Instant t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.UTC).withNano(0));
  }
}
