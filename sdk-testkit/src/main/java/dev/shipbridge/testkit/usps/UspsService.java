package dev.shipbridge.testkit.usps;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulated USPS: routes a request to its API and answers in USPS's wire format. Thread-safe.
 * Internal to the testkit; use {@link dev.shipbridge.testkit.UspsEmulator}.
 */
public final class UspsService {
  static final Duration TOKEN_LIFETIME = Duration.ofSeconds(28_799);
  static final Duration PAYMENT_TOKEN_LIFETIME = Duration.ofHours(8);
  static final String DEFAULT_MID = "903619809";
  static final String SCOPES = "addresses international-prices subscriptions payments pickup tracking labels "
      + "scan-forms companies service-delivery-standards locations international-labels prices shipments";

  private static final Set<String> DOMESTIC_IMAGE_TYPES = Set.of("PDF", "TIFF", "JPG", "PNG", "GIF", "SVG",
      "ZPL203DPI", "ZPL300DPI", "EPL300DPI", "LABEL_BROKER", "NONE");
  private static final Set<String> INTERNATIONAL_IMAGE_TYPES = Set.of("PDF", "TIFF", "ZPL203DPI", "ZPL300DPI",
      "LABEL_BROKER", "NONE");
  private static final Set<String> LABEL_TYPES = Set.of("4X4LABEL", "4X5LABEL", "4X6LABEL", "6X4LABEL", "2X7LABEL");
  private static final Set<String> PROCESSING = Set.of("LETTERS", "FLATS", "MACHINABLE", "IRREGULAR",
      "NON_MACHINABLE", "NONSTANDARD");
  private static final Set<String> ENTRY_TYPES = Set.of("NONE", "DESTINATION_NETWORK_DISTRIBUTION_CENTER",
      "DESTINATION_SECTIONAL_CENTER_FACILITY", "DESTINATION_DELIVERY_UNIT", "DESTINATION_SERVICE_HUB",
      "DESTINATION_REGIONAL_PROCESSING_DISTRIBUTION_CENTER");
  private static final Set<String> CUSTOMS_TYPES = Set.of("MERCHANDISE", "GIFT", "DOCUMENT", "COMMERCIAL_SAMPLE",
      "RETURNED_GOODS", "OTHER", "HUMANITARIAN_DONATIONS", "DANGEROUS_GOODS", "CREMATED_REMAINS",
      "NON_NEGOTIABLE_DOCUMENT", "MEDICAL_SUPPLIES", "PHARMACEUTICALS");
  private static final Set<String> ROLE_NAMES = Set.of("PAYER", "RATE_HOLDER", "LABEL_OWNER", "SHIPPER",
      "MAIL_OWNER", "PLATFORM", "RETURN_LABEL_PAYER", "RETURN_LABEL_RATE_HOLDER", "RETURN_LABEL_OWNER",
      "LABEL_PROVIDER");
  private static final Set<String> BANNED_DESCRIPTIONS = Set.of("NONE", "NOT APPLICABLE", "N/A", "NULL", "GIFT",
      "MERCHANDISE");
  private static final String NOT_AVAILABLE = "Tracking is not available for this item. This may be because the "
      + "tracking number is invalid; USPS has not yet received payment; USPS has not yet received the item; the "
      + "item does not include tracking; or other reasons.";

  private final Clock clock;
  private final String clientId;
  private final String clientSecret;

  private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, PaymentToken> paymentTokens = new ConcurrentHashMap<>();
  private final Map<String, Label> labels = new ConcurrentHashMap<>();
  private final Map<String, Label> byIdempotencyKey = new ConcurrentHashMap<>();
  private final Map<String, Parcel> parcels = new ConcurrentHashMap<>();
  private final AtomicLong serial = new AtomicLong(1_000_000);
  private final AtomicLong disputes = new AtomicLong(103_789);
  private final AtomicInteger purchased = new AtomicInteger();
  private final Object labelLock = new Object();
  private final Set<String> deniedApis = ConcurrentHashMap.newKeySet();
  private final ShipmentOptions options;

  record PaymentToken(Instant expires, String crid, String mid, String manifestMid) {}

  record Label(Parcel parcel, Map<String, Object> request, String crid, String idempotencyKey,
      Json.Obj metadata, String imageType, String labelType, boolean separateReceipt, String title,
      List<String> lines, boolean international) {}

  public UspsService(Clock clock, String clientId, String clientSecret) {
    this.clock = clock;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.options = new ShipmentOptions(clock, this::domesticRates, this::internationalRates);
    seedTestNumbers();
  }

  /**
   * Answers every call to the API at {@code basePath} (such as {@code /shipments/v3}) with 403, as
   * USPS does for an app whose product does not include that API; null or empty lifts every denial.
   */
  public void denyApi(String basePath) {
    if (basePath == null || basePath.isEmpty()) {
      deniedApis.clear();
    } else {
      deniedApis.add(basePath);
    }
  }

  /** Forgets every token, label, parcel and idempotency key; re-seeds the test-environment numbers. */
  public void reset() {
    accessTokens.clear();
    deniedApis.clear();
    paymentTokens.clear();
    labels.clear();
    byIdempotencyKey.clear();
    parcels.clear();
    purchased.set(0);
    seedTestNumbers();
  }

  public int labelsPurchased() {
    return purchased.get();
  }

  /** Registers a parcel that a cross-border partner hands to USPS at the JFK gateway at {@code handoff}. */
  public void expectInboundParcel(String trackingNumber, Instant handoff) {
    expectInboundParcel(trackingNumber, handoff, null, null, null);
  }

  /** As above, delivered to {@code zip} (with its city and state) when given. */
  public void expectInboundParcel(String trackingNumber, Instant handoff, String city, String state, String zip) {
    String n = normalise(trackingNumber);
    if (!TrackingNumbers.isValidImpb(n) && !TrackingNumbers.isValidS10(n)) {
      throw new IllegalArgumentException("not an IMpb or S10 number with a valid check digit: " + trackingNumber);
    }
    String zip5 = zip == null ? null : zip.strip().length() >= 5 ? zip.strip().substring(0, 5) : null;
    Geo.Place dest = zip5 == null || !zip5.matches("\\d{5}")
        ? Geo.INBOUND_DESTINATIONS[Math.floorMod(n.hashCode(), Geo.INBOUND_DESTINATIONS.length)]
        : Geo.KNOWN_ZIPS.containsKey(zip5) && city == null ? Geo.KNOWN_ZIPS.get(zip5)
        : new Geo.Place(city == null ? "" : city.strip().toUpperCase(java.util.Locale.ROOT),
            state == null ? "" : state.strip().toUpperCase(java.util.Locale.ROOT), zip5);
    parcels.put(n, new Parcel(n, Parcel.Kind.INBOUND, Rates.DOMESTIC.get("PARCEL_SELECT"), Tracking.GATEWAY, dest,
        "US", handoff, handoff.atZone(Geo.zoneOf(Tracking.GATEWAY.zip())).toLocalDate(), null, null, null, null));
  }

  private void seedTestNumbers() {
    Instant start = clock.instant().minus(Duration.ofHours(72));
    Geo.Place origin = Geo.KNOWN_ZIPS.get("63116");
    Geo.Place dest = Geo.KNOWN_ZIPS.get("20500");
    Map<String, String> seeds = new LinkedHashMap<>();
    seeds.put("9205590982952107001084", "PRE_SHIPMENT");
    seeds.put("9241999996333426012948", "DELIVERED_MAILBOX");
    seeds.put("9361289673090019555035", "DELIVERED_PORCH");
    seeds.put("92055124161170148800000274", "ATTEMPTED_NO_ACCESS");
    seeds.put("9374889680090025188414", "AWAITING_DELIVERY");
    seeds.put("9205596900893430673167", "DELIVERED_MAILBOX");
    seeds.forEach((n, ending) -> parcels.put(n, new Parcel(n, Parcel.Kind.TEST_NUMBER,
        Rates.DOMESTIC.get("PRIORITY_MAIL"), origin, dest, "US", start,
        start.atZone(Geo.zoneOf(origin.zip())).toLocalDate(), ending, null, null, null)));
  }

  // ==================================================================== routing

  /** Answers one request. {@code headers} must be case-insensitive. */
  public Wire.Reply handle(String method, String path, Map<String, List<String>> query,
      TreeMap<String, String> headers, String body) {
    String api = Wire.apiOf(path);
    try {
      if (path.equals("/oauth2/v3/token")) {
        return method.equals("POST") ? token(headers, body) : notAllowed(api);
      }
      if (path.equals("/oauth2/v3/revoke")) {
        return method.equals("POST") ? revoke(headers, body) : notAllowed(api);
      }
      Wire.Reply auth = checkBearer(api, headers.get("Authorization"));
      if (auth != null) {
        return auth;
      }
      if (deniedApis.contains(api)) {
        return Wire.error(403, api, "Access is denied.", List.of(Wire.item("403", null, "Forbidden",
            "The application is not authorized for this API product.", null)));
      }
      switch (path) {
        case "/shipments/v3/options/search":
          return method.equals("POST") ? options.search(body) : notAllowed(api);
        case "/service-standards/v3/standards":
          return method.equals("GET") ? options.standards(query) : notAllowed(api);
        case "/payments/v3/payment-authorization":
          return method.equals("POST") ? paymentAuthorization(api, body) : notAllowed(api);
        case "/prices/v3/total-rates/search":
          return method.equals("POST") ? domesticRates(api, body) : notAllowed(api);
        case "/international-prices/v3/total-rates/search":
          return method.equals("POST") ? internationalRates(api, body) : notAllowed(api);
        case "/labels/v3/label":
          return method.equals("POST") ? createLabel(api, headers, body, false) : notAllowed(api);
        case "/international-labels/v3/international-label":
          return method.equals("POST") ? createLabel(api, headers, body, true) : notAllowed(api);
        case "/tracking/v3r2/tracking":
          return method.equals("POST") ? trackBatch(api, body) : notAllowed(api);
        case "/addresses/v3/address":
          return method.equals("GET") ? address(api, query) : notAllowed(api);
        case "/scan-forms/v3/scan-form":
          return method.equals("POST") ? scanForm(api, headers, body) : notAllowed(api);
        default:
          break;
      }
      if (path.startsWith("/labels/v3/label/")) {
        return method.equals("DELETE") ? cancel(api, headers, path.substring("/labels/v3/label/".length()), false)
            : notAllowed(api);
      }
      if (path.startsWith("/international-labels/v3/international-label/")) {
        return method.equals("DELETE")
            ? cancel(api, headers, path.substring("/international-labels/v3/international-label/".length()), true)
            : notAllowed(api);
      }
      if (path.startsWith("/tracking/v3/tracking/")) {
        return method.equals("GET") ? trackOne(api, path.substring("/tracking/v3/tracking/".length()), query)
            : notAllowed(api);
      }
      return Wire.error(404, api, "Resource not found.",
          List.of(Wire.item("404", null, "Not Found", "No resource matches " + method + " " + path, null)));
    } catch (Json.ParseException e) {
      return Wire.badRequest(api, "160252", "Malformed request body", "The request body is not valid JSON: "
          + e.getMessage(), "body");
    } catch (BadInput e) {
      return Wire.badRequest(api, e.errors);
    }
  }

  private static Wire.Reply notAllowed(String api) {
    return Wire.error(405, api, "Method Not Allowed", List.of(Wire.item("405", null, "METHOD_NOT_ALLOWED",
        "The method is not allowed for this resource.", null)));
  }

  /** Validation failure carrying USPS error items. */
  private static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<Json.Obj> errors;

    BadInput(List<Json.Obj> errors) {
      super(null, null, false, false);
      this.errors = errors;
    }
  }

  private static final class Problems {
    final List<Json.Obj> items = new ArrayList<>();

    void add(String code, String title, String detail, String parameter) {
      items.add(Wire.item("400", code, title, detail, parameter));
    }

    void required(String parameter) {
      add("030010", "Missing required field", parameter + " is required.", parameter);
    }

    void throwIfAny() {
      if (!items.isEmpty()) {
        throw new BadInput(items);
      }
    }
  }

  // ==================================================================== OAuth

  private Wire.Reply token(Map<String, String> headers, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    String ct = headers.getOrDefault("Content-Type", "");
    String trimmed = body == null ? "" : body.trim();
    if (ct.contains("json") || (!ct.contains("x-www-form-urlencoded") && trimmed.startsWith("{"))) {
      Object parsed;
      try {
        parsed = Json.parse(trimmed);
      } catch (Json.ParseException e) {
        return Wire.oauthError(400, "invalid_request", "The request body is not valid JSON.");
      }
      if (!(parsed instanceof Map)) {
        return Wire.oauthError(400, "invalid_request", "The request body must be a JSON object.");
      }
      ((Map<?, ?>) parsed).forEach((k, v) -> form.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    } else {
      FormPairs.decode(trimmed, form::put);
    }
    String[] basic = basicCredentials(headers.get("Authorization"));
    String id = form.getOrDefault("client_id", basic == null ? null : basic[0]);
    String secret = form.getOrDefault("client_secret", basic == null ? null : basic[1]);
    String grant = form.get("grant_type");
    if (grant == null || grant.isEmpty()) {
      return Wire.oauthError(400, "invalid_request", "The grant_type parameter is required.");
    }
    if (!Set.of("client_credentials", "refresh_token", "authorization_code", "password").contains(grant)) {
      return Wire.oauthError(400, "unsupported_grant_type", "The grant type " + grant + " is not supported.");
    }
    if (id == null || secret == null || !id.equals(clientId) || !secret.equals(clientSecret)) {
      return Wire.oauthError(401, "invalid_client", "Client authentication failed.");
    }
    if (!grant.equals("client_credentials")) {
      return Wire.oauthError(400, "invalid_grant", "The provided grant is invalid, expired or revoked.");
    }
    Instant now = clock.instant();
    String token = jwt(Json.obj().with("iss", "https://keyc.usps.com/realms/USPS").with("sub", clientId)
        .with("azp", clientId).with("iat", now.getEpochSecond())
        .with("exp", now.plus(TOKEN_LIFETIME).getEpochSecond()).with("jti", UUID.randomUUID().toString())
        .with("scope", SCOPES));
    accessTokens.put(token, now.plus(TOKEN_LIFETIME));
    String scope = form.get("scope");
    return Wire.json(200, Json.obj()
        .with("access_token", token)
        .with("token_type", "Bearer")
        .with("issued_at", now.toEpochMilli())
        .with("expires_in", TOKEN_LIFETIME.getSeconds())
        .with("status", "approved")
        .with("scope", scope == null || scope.isBlank() ? SCOPES : scope)
        .with("issuer", "https://keyc.usps.com/realms/USPS")
        .with("client_id", clientId)
        .with("application_name", "Shipbridge Sandbox")
        .with("api_products", "[Shipping, Labels, Payments, Tracking, Public Access I]")
        .with("public_key", Base64.getEncoder().encodeToString(
            "-----BEGIN PUBLIC KEY-----\nU0hJUEJSSURHRS1FTVVMQVRPUg==\n-----END PUBLIC KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII))));
  }

  private Wire.Reply revoke(Map<String, String> headers, String body) {
    String[] basic = basicCredentials(headers.get("Authorization"));
    if (basic == null || !basic[0].equals(clientId) || !basic[1].equals(clientSecret)) {
      return Wire.oauthError(401, "invalid_client", "Client authentication failed.");
    }
    String token = null;
    String trimmed = body == null ? "" : body.trim();
    if (trimmed.startsWith("{")) {
      Object parsed = Json.parse(trimmed);
      if (parsed instanceof Map && ((Map<?, ?>) parsed).get("token") instanceof String) {
        token = (String) ((Map<?, ?>) parsed).get("token");
      }
    } else {
      for (String pair : trimmed.split("&")) {
        if (pair.startsWith("token=")) {
          token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        }
      }
    }
    if (token == null) {
      return Wire.oauthError(400, "invalid_request", "The token parameter is required.");
    }
    accessTokens.remove(token);
    return new Wire.Reply(200, new LinkedHashMap<>(), new byte[0]);
  }

  private static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String jwt(Json.Obj claims) {
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    byte[] sig = new byte[64];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(sig);
    return enc.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + enc.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + "." + enc.encodeToString(sig);
  }

  private Wire.Reply checkBearer(String api, String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Wire.unauthorized(api, "The access token presented with the request is missing or malformed (not a JWT).");
    }
    String token = header.substring(7).trim();
    Instant expires = accessTokens.get(token);
    if (expires == null) {
      return Wire.unauthorized(api, token.split("\\.").length == 3
          ? "The access token presented with the request is not recognised."
          : "The access token presented with the request is missing or malformed (not a JWT).");
    }
    if (!clock.instant().isBefore(expires)) {
      return Wire.unauthorized(api, "The access token presented with the request has expired.");
    }
    return null;
  }

  // ==================================================================== payments

  private Wire.Reply paymentAuthorization(String api, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    Object rolesObj = req.get("roles");
    Problems p = new Problems();
    if (!(rolesObj instanceof List) || ((List<?>) rolesObj).isEmpty()) {
      p.add("160229", "LABEL_OWNER is required", "LABEL_OWNER is required", "roles");
      p.throwIfAny();
    }
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Object o : (List<?>) rolesObj) {
      Map<String, Object> role = object(o, "roles[]");
      String name = str(role, "roleName");
      if (name == null || !ROLE_NAMES.contains(name)) {
        p.add("160252", "Invalid roleName", "roleName " + name + " is not valid.", "roles.roleName");
        continue;
      }
      if (byName.put(name, role) != null) {
        p.add("160227", "Duplicate role", "no duplicate roles allowed", "roles.roleName");
      }
    }
    p.throwIfAny();
    if (!byName.containsKey("PAYER")) {
      p.add("160228", "PAYER is required", "PAYER is required", "roles");
    }
    if (!byName.containsKey("LABEL_OWNER")) {
      p.add("160229", "LABEL_OWNER is required", "LABEL_OWNER is required", "roles");
    }
    byName.forEach((name, role) -> {
      String crid = str(role, "CRID");
      if (crid == null || crid.length() < 2 || crid.length() > 18) {
        p.add("160218", name + " requires CRID", name + " requires CRID", "roles.CRID");
      }
      if (role.containsKey("MID") && !String.valueOf(role.get("MID")).matches("^(\\d{6}|\\d{9})$")) {
        p.add("160252", "Invalid MID", "MID must be 6 or 9 digits.", "roles.MID");
      }
      if (name.equals("LABEL_OWNER")) {
        if (str(role, "MID") == null) {
          p.add("160221", name + " requires MID", name + " requires MID", "roles.MID");
        }
        if (str(role, "manifestMID") == null) {
          p.add("160222", name + " requires manifestMID", name + " requires manifestMID", "roles.manifestMID");
        }
      }
      if (name.equals("PAYER")) {
        String type = str(role, "accountType");
        if (type == null) {
          p.add("160252", "PAYER requires accountType", "PAYER requires accountType", "roles.accountType");
        } else if ((type.equals("EPS") || type.equals("METER")) && str(role, "accountNumber") == null) {
          p.add("160224", "PAYER requires accountNumber", "PAYER requires accountNumber when accountType is " + type,
              "roles.accountNumber");
        } else if (type.equals("PERMIT") || type.equals("OMAS")) {
          if (str(role, "permitNumber") == null) {
            p.add("160225", "PAYER requires permitNumber", "PAYER requires permitNumber when accountType is " + type,
                "roles.permitNumber");
          }
          if (str(role, "permitZIP") == null) {
            p.add("160226", "PAYER requires permitZIP", "PAYER requires permitZipCode when accountType is " + type,
                "roles.permitZIP");
          }
        }
      }
    });
    p.throwIfAny();
    Map<String, Object> owner = byName.get("LABEL_OWNER");
    Instant now = clock.instant();
    String token = jwt(Json.obj().with("iss", "https://apis.usps.com/payments/v3").with("crid", str(owner, "CRID"))
        .with("mid", str(owner, "MID")).with("iat", now.getEpochSecond())
        .with("exp", now.plus(PAYMENT_TOKEN_LIFETIME).getEpochSecond()).with("jti", UUID.randomUUID().toString()));
    paymentTokens.put(token, new PaymentToken(now.plus(PAYMENT_TOKEN_LIFETIME), str(owner, "CRID"),
        str(owner, "MID"), str(owner, "manifestMID")));
    Json.Obj out = Json.obj().with("paymentAuthorizationToken", token).with("roles", rolesObj);
    return Wire.json(200, out);
  }

  private PaymentToken checkPaymentToken(String api, Map<String, String> headers) {
    String t = headers.get("X-Payment-Authorization-Token");
    PaymentToken pt = t == null ? null : paymentTokens.get(t.trim());
    if (pt == null || !clock.instant().isBefore(pt.expires())) {
      throw new Unauthorized(Wire.withHeader(Wire.error(401, api, "Missing, invalid or expired payment authorization token.",
          List.of(Wire.item("401", null, "invalid_token", t == null
              ? "The X-Payment-Authorization-Token header is required."
              : "The payment authorization token is not valid or has expired.",
              "Header: X-Payment-Authorization-Token"))),
          "WWW-Authenticate", "Bearer realm=\"https://api.usps.com\""));
    }
    return pt;
  }

  /** Thrown to answer 401 from deep inside a handler. */
  static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Wire.Reply reply;

    Unauthorized(Wire.Reply reply) {
      super(null, null, false, false);
      this.reply = reply;
    }
  }

  // ==================================================================== prices

  private Wire.Reply domesticRates(String api, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    Problems p = new Problems();
    String from = zip(req, "originZIPCode", p);
    String to = zip(req, "destinationZIPCode", p);
    Double weight = positive(req, "weight", p);
    Double length = dimension(req, "length", p);
    Double width = dimension(req, "width", p);
    Double height = dimension(req, "height", p);
    String priceType = enumValue(req, "priceType", Set.of("RETAIL", "COMMERCIAL", "CONTRACT", "NSA"), p);
    List<String> classes = new ArrayList<>();
    Object mcs = req.get("mailClasses");
    if (mcs instanceof List) {
      for (Object o : (List<?>) mcs) {
        classes.add(String.valueOf(o));
      }
    } else if (str(req, "mailClass") != null) {
      classes.add(str(req, "mailClass"));
    }
    Set<String> allowed = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT", "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL",
        "FIRST-CLASS_PACKAGE_SERVICE", "LIBRARY_MAIL", "MEDIA_MAIL", "BOUND_PRINTED_MATTER", "USPS_CONNECT_LOCAL",
        "USPS_CONNECT_MAIL", "USPS_CONNECT_REGIONAL", "USPS_GROUND_ADVANTAGE", "USPS_RETAIL_GROUND", "ALL");
    for (String c : classes) {
      if (!allowed.contains(c)) {
        p.add("160252", "Invalid mailClass", "mailClass " + c + " is not a valid value.", "mailClass");
      }
    }
    date(req, "mailingDate", p);
    List<Integer> extras = intList(req, "extraServices", p);
    double itemValue = number(req, "itemValue") == null ? 0 : number(req, "itemValue");
    p.throwIfAny();
    if (classes.isEmpty() || classes.contains("ALL")) {
      classes = List.of("USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL", "PRIORITY_MAIL_EXPRESS");
    }
    if (priceType == null) {
      priceType = "COMMERCIAL";
    }
    int zone = Geo.zone(from, to);
    BigDecimal dim = Rates.dimWeight(length, width, height);
    int pounds = Rates.billablePounds(weight, dim);
    List<Object> options = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String requested : classes) {
      String c = Rates.canonicalDomesticClass(requested, "NONE");
      Rates.Product product = Rates.DOMESTIC.get(c);
      if (product == null || !seen.add(c) || weight > product.maxLb()) {
        continue;
      }
      if (length + 2 * (width + height) > 130) {
        continue;
      }
      BigDecimal price = Rates.domesticPrice(product, pounds, zone, priceType);
      Json.Obj rate = Json.obj()
          .with("SKU", Rates.domesticSku(product, zone, pounds, priceType))
          .with("description", product.description())
          .with("priceType", priceType)
          .with("price", price)
          .with("weight", BigDecimal.valueOf(weight))
          .with("dimWeight", dim)
          .with("fees", List.of())
          .with("startDate", "2026-01-18")
          .with("endDate", "")
          .with("mailClass", c)
          .with("zone", String.format("%02d", zone))
          .with("productName", product.productName())
          .with("processingCategory", "MACHINABLE")
          .with("rateIndicator", "SP")
          .with("destinationEntryFacilityType", "NONE");
      List<Object> services = new ArrayList<>();
      BigDecimal servicesTotal = BigDecimal.ZERO;
      List<Integer> codes = extras == null ? List.of(920, 921) : extras;
      for (int code : codes) {
        if (Rates.needsValue(code) && itemValue <= 0) {
          throw new BadInput(List.of(Wire.item("400", "030024", "Item value required",
              "A non-zero item value is required for this extra service code.", "itemValue")));
        }
        Rates.ExtraServiceInfo info = Rates.domesticExtraService(code, c, itemValue);
        if (info == null) {
          continue;
        }
        int effective = code == 930 && itemValue > 500 ? 931 : code;
        services.add(Json.obj().with("extraService", Integer.toString(effective)).with("name", info.name())
            .with("SKU", info.sku()).with("priceType", priceType.equals("NSA") ? "NSA" : priceType)
            .with("price", info.price()).with("warnings", List.of()));
        servicesTotal = servicesTotal.add(info.price());
      }
      Json.Obj option = Json.obj().with("totalBasePrice", price).with("rates", List.of(rate))
          .with("extraServices", services);
      if (extras != null) {
        option.with("totalPrice", price.add(servicesTotal));
      }
      options.add(option);
    }
    if (options.isEmpty()) {
      return Wire.badRequest(api, "030020", "No valid rates", "No valid rates for these parameters.", null);
    }
    return Wire.json(200, Json.obj().with("rateOptions", options));
  }

  private Wire.Reply internationalRates(String api, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    Problems p = new Problems();
    zip(req, "originZIPCode", p);
    String country = str(req, "destinationCountryCode");
    if (country == null) {
      p.required("destinationCountryCode");
    } else if (!country.matches("^[A-Z]{2}$") || country.equals("US")) {
      p.add("030013", "Invalid destinationCountryCode", "There was no valid international price group for the provided "
          + "country, date, mail class, and mail class.", "destinationCountryCode");
    }
    Double weight = positive(req, "weight", p);
    Double length = dimension(req, "length", p);
    Double width = dimension(req, "width", p);
    Double height = dimension(req, "height", p);
    String priceType = enumValue(req, "priceType",
        Set.of("RETAIL", "COMMERCIAL", "COMMERCIAL_BASE", "COMMERCIAL_PLUS", "CONTRACT"), p);
    String mailClass = enumValue(req, "mailClass", Set.of("FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE",
        "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL", "GLOBAL_EXPRESS_GUARANTEED", "ALL"), p);
    List<Integer> extras = intList(req, "extraServices", p);
    date(req, "mailingDate", p);
    double itemValue = number(req, "itemValue") == null ? 0 : number(req, "itemValue");
    boolean duties = Boolean.TRUE.equals(req.get("requestDutiesTaxesFees"));
    Object items = req.get("items");
    if (duties && (!(items instanceof List) || ((List<?>) items).isEmpty())) {
      p.add("160396", "items required", "at least 1 item is required when requesting duties, taxes, and fees", "items");
    }
    p.throwIfAny();
    if (priceType == null) {
      priceType = "COMMERCIAL";
    }
    List<String> classes = mailClass == null || mailClass.equals("ALL")
        ? new ArrayList<>(Rates.INTERNATIONAL.keySet()) : List.of(mailClass);
    int group = Rates.priceGroup(country);
    BigDecimal dim = Rates.dimWeight(length, width, height);
    int pounds = Rates.billablePounds(weight, dim);
    List<Object> options = new ArrayList<>();
    for (String c : classes) {
      Rates.Product product = Rates.INTERNATIONAL.get(c);
      if (product == null || weight > product.maxLb()) {
        continue;
      }
      BigDecimal price = Rates.internationalPrice(product, pounds, group, priceType);
      Json.Obj rate = Json.obj()
          .with("SKU", Rates.internationalSku(product, group, pounds))
          .with("description", product.description())
          .with("priceType", priceType)
          .with("price", price)
          .with("weight", BigDecimal.valueOf(weight))
          .with("dimWeight", dim)
          .with("fees", List.of())
          .with("startDate", "2026-01-18")
          .with("endDate", "")
          .with("mailClass", c)
          .with("zone", String.format("%02d", group))
          .with("processingCategory", "MACHINABLE")
          .with("rateIndicator", "SP")
          .with("destinationEntryFacilityType", "NONE")
          .with("warnings", List.of())
          .with("productName", product.productName());
      List<Object> services = new ArrayList<>();
      BigDecimal servicesTotal = BigDecimal.ZERO;
      for (int code : extras == null ? List.<Integer>of() : extras) {
        if (Rates.needsValue(code) && itemValue <= 0) {
          throw new BadInput(List.of(Wire.item("400", "030024", "Item value required",
              "A non-zero item value is required for this extra service code.", "itemValue")));
        }
        Rates.ExtraServiceInfo info = Rates.internationalExtraService(code, itemValue);
        if (info == null) {
          continue;
        }
        services.add(Json.obj().with("SKU", info.sku()).with("price", info.price()).with("priceType", priceType)
            .with("extraService", Integer.toString(code == 930 && itemValue > 500 ? 931 : code))
            .with("name", info.name()).with("warnings", List.of()));
        servicesTotal = servicesTotal.add(info.price());
      }
      Json.Obj option = Json.obj().with("totalBasePrice", price).with("rates", List.of(rate));
      if (duties) {
        List<Object> quotes = new ArrayList<>();
        for (Object o : (List<?>) items) {
          Map<String, Object> item = object(o, "items[]");
          double v = number(item, "itemValue") == null ? 0 : number(item, "itemValue");
          quotes.add(Json.obj().with("dutyPrice", Rates.money(v * 0.05)).with("taxPrice", Rates.money(v * 0.10))
              .with("itemId", str(item, "itemId")));
        }
        option.with("dutiesTaxesFeesQuote", Json.obj().with("packageFee", Rates.money(1.50)).with("itemQuotes", quotes));
      }
      option.with("extraServices", services);
      if (extras != null) {
        option.with("totalPrice", price.add(servicesTotal));
      }
      options.add(option);
    }
    if (options.isEmpty()) {
      return Wire.badRequest(api, "030020", "No valid rates", "No valid rates for these parameters.", null);
    }
    return Wire.json(200, Json.obj().with("rateOptions", options));
  }

  // ==================================================================== labels

  private Wire.Reply createLabel(String api, TreeMap<String, String> headers, String body, boolean intl) {
    PaymentToken pt;
    try {
      pt = checkPaymentToken(api, headers);
    } catch (Unauthorized u) {
      return u.reply;
    }
    String key = headers.get("X-Idempotency-Key");
    if (key != null) {
      key = key.trim();
      try {
        UUID.fromString(key);
      } catch (IllegalArgumentException e) {
        return Wire.badRequest(api, "160252", "Invalid X-Idempotency-Key",
            "X-Idempotency-Key must be a UUID.", "Header: X-Idempotency-Key");
      }
    }
    Map<String, Object> req = object(Json.parse(body), "body");
    String accept = headers.getOrDefault("Accept", "");
    synchronized (labelLock) {
      if (key != null) {
        Label existing = byIdempotencyKey.get(pt.crid() + "|" + key);
        if (existing != null) {
          if (!existing.request().equals(req)) {
            return Wire.badRequest(api, "160252", "Idempotency key reused",
                "The X-Idempotency-Key has already been used with a different request payload.",
                "Header: X-Idempotency-Key");
          }
          return render(existing, accept);
        }
      }
      Label label = intl ? buildInternational(req, pt, key) : buildDomestic(req, pt, key);
      labels.put(label.parcel().trackingNumber, label);
      parcels.put(label.parcel().trackingNumber, label.parcel());
      if (key != null) {
        byIdempotencyKey.put(pt.crid() + "|" + key, label);
      }
      purchased.incrementAndGet();
      return render(label, accept);
    }
  }

  private Label buildDomestic(Map<String, Object> req, PaymentToken pt, String key) {
    Problems p = new Problems();
    Map<String, Object> image = optionalObject(req, "imageInfo", p);
    Map<String, Object> to = requiredObject(req, "toAddress", p);
    Map<String, Object> from = requiredObject(req, "fromAddress", p);
    Map<String, Object> pkg = requiredObject(req, "packageDescription", p);
    p.throwIfAny();
    domesticAddress(to, "toAddress", p);
    domesticAddress(from, "fromAddress", p);
    String imageType = image == null || str(image, "imageType") == null ? "PDF" : str(image, "imageType");
    if (!DOMESTIC_IMAGE_TYPES.contains(imageType)) {
      p.add("160252", "Invalid imageType", "imageInfo.imageType " + imageType + " is not valid.", "imageInfo.imageType");
    }
    String labelType = image == null || str(image, "labelType") == null ? "4X6LABEL" : str(image, "labelType");
    if (!LABEL_TYPES.contains(labelType)) {
      p.add("160252", "Invalid labelType", "imageInfo.labelType " + labelType + " is not valid.", "imageInfo.labelType");
    }
    String receipt = image == null || str(image, "receiptOption") == null ? "SAME_PAGE" : str(image, "receiptOption");
    String mailClass = str(pkg, "mailClass");
    Set<String> classes = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT", "USPS_CONNECT_LOCAL",
        "USPS_CONNECT_REGIONAL", "USPS_CONNECT_MAIL", "USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL",
        "FIRST-CLASS_PACKAGE_SERVICE", "LIBRARY_MAIL", "MEDIA_MAIL", "BOUND_PRINTED_MATTER");
    if (mailClass == null) {
      p.required("packageDescription.mailClass");
    } else if (!classes.contains(mailClass)) {
      p.add("160252", "Invalid mailClass", "packageDescription.mailClass " + mailClass + " is not valid.",
          "packageDescription.mailClass");
    }
    String processing = enumValue(pkg, "processingCategory", PROCESSING, p, "packageDescription.");
    if (processing == null) {
      p.required("packageDescription.processingCategory");
    }
    String entry = enumValue(pkg, "destinationEntryFacilityType", ENTRY_TYPES, p, "packageDescription.");
    if (entry == null) {
      p.required("packageDescription.destinationEntryFacilityType");
    } else if (!entry.equals("NONE") && !(pkg.get("destinationEntryFacilityAddress") instanceof Map)) {
      p.add("160093", "destinationEntryFacilityAddress required",
          "destinationEntryFacilityAddress is required unless destinationEntryFacilityType is NONE",
          "packageDescription.destinationEntryFacilityAddress");
    }
    if (str(pkg, "rateIndicator") == null && str(pkg, "shape") == null) {
      p.add("160285", "rateIndicator required", "either rateIndicator or shape and packagingType are required",
          "packageDescription.rateIndicator");
    }
    LocalDate mailingDate = mailingDate(pkg, p);
    Double weight = positive(pkg, "weight", p, "packageDescription.");
    Double length = dimension(pkg, "length", p, "packageDescription.");
    Double width = dimension(pkg, "width", p, "packageDescription.");
    Double height = dimension(pkg, "height", p, "packageDescription.");
    List<Integer> extras = intList(pkg, "extraServices", p);
    p.throwIfAny();
    String c = Rates.canonicalDomesticClass(mailClass, entry);
    Rates.Product product = Rates.DOMESTIC.get(c);
    if (product == null) {
      throw bad("030020", "No valid rates", "No valid rates for these parameters.", "packageDescription.mailClass");
    }
    if (weight > product.maxLb()) {
      throw bad("030004", "Weight not eligible", "Package weight does not qualify for this product.",
          "packageDescription.weight");
    }
    if (length + 2 * (width + height) > 130) {
      throw bad("030008", "Package too large", "Package size exceeds maximum allowed for mail class",
          "packageDescription.length");
    }
    Map<String, Object> options = pkg.get("packageOptions") instanceof Map ? object(pkg.get("packageOptions"), "x") : Map.of();
    Double packageValue = number(options, "packageValue");
    List<Object> services = new ArrayList<>();
    BigDecimal extraTotal = BigDecimal.ZERO;
    for (int code : extras == null ? List.<Integer>of() : extras) {
      if (Rates.needsValue(code) && (packageValue == null || packageValue <= 0)) {
        throw bad("160017", "packageValue required", "packageValue is required with insurance(extraService = 930)",
            "packageDescription/packageOptions");
      }
      Rates.ExtraServiceInfo info = Rates.domesticExtraService(code, c, packageValue == null ? 0 : packageValue);
      if (info == null) {
        throw bad("160252", "Invalid extra service", "Extra service " + code + " is not available for " + c + ".",
            "packageDescription.extraServices");
      }
      services.add(Json.obj().with("name", info.name()).with("SKU", info.sku()).with("price", info.price())
          .with("warnings", List.of()));
      extraTotal = extraTotal.add(info.price());
    }
    String toZip = str(to, "ZIPCode");
    String fromZip = str(from, "ZIPCode");
    int zone = Geo.zone(fromZip, toZip);
    BigDecimal dim = Rates.dimWeight(length, width, height);
    int pounds = Rates.billablePounds(weight, dim);
    BigDecimal postage = Rates.domesticPrice(product, pounds, zone, "COMMERCIAL");
    String mid = pt.mid() != null && pt.mid().matches("\\d{9}") ? pt.mid() : DEFAULT_MID;
    String number = TrackingNumbers.impb(product.serviceTypeCode(), mid, serial.incrementAndGet());
    ZoneId originZone = Geo.zoneOf(fromZip);
    OffsetDateTime mailingAt = mailingDate.atTime(LocalTime.of(22, 0)).atZone(originZone).toOffsetDateTime();
    int days = Math.min(product.maxDays(), product.minDays() + (zone > 4 ? 1 : 0) + (zone > 6 ? 1 : 0));
    Json.Obj labelAddress = labelAddress(to);
    Json.Obj meta = Json.obj()
        .with("labelAddress", labelAddress)
        .with("routingInformation", "420" + toZip)
        .with("trackingNumber", number)
        .with("constructCode", "C03")
        .with("SKU", Rates.domesticSku(product, zone, pounds, "COMMERCIAL"))
        .with("postage", postage)
        .with("extraServices", services)
        .with("zone", String.format("%02d", zone))
        .with("commitment", Json.obj().with("name", days == 1 ? "1-Day" : days + " Days")
            .with("scheduleDeliveryDate", mailingDate.plusDays(days).toString()))
        .with("weightUOM", "lb")
        .with("weight", BigDecimal.valueOf(weight))
        .with("dimensionalWeight", dim)
        .with("fees", nonstandardFees(length, width, height))
        .with("bannerText", "USPS TRACKING # USPS Ship")
        .with("retailDistributionCode", "01")
        .with("serviceTypeCode", product.serviceTypeCode())
        .with("mailingDate", mailingAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .with("links", List.of(Json.obj().with("rel", List.of("Tracking URL"))
            .with("href", "https://tools.usps.com/go/TrackConfirmAction_input?origTrackNum=" + number)
            .with("method", "GET")));
    if (imageType.equals("LABEL_BROKER")) {
      meta.with("labelBrokerID", "LB" + number.substring(number.length() - 8));
    }
    Geo.Place origin = new Geo.Place(Addresses.city(str(from, "city")), str(from, "state"), fromZip);
    Geo.Place dest = new Geo.Place(Addresses.city(str(to, "city")), str(to, "state"), toZip);
    Parcel parcel = new Parcel(number, Parcel.Kind.DOMESTIC_LABEL, product, origin, dest, "US", clock.instant(),
        mailingDate, null, mid, fromZip, entry);
    List<String> lines = List.of(product.productName().toUpperCase(Locale.ROOT), "SHIP TO:", nameLine(to),
        String.valueOf(labelAddress.get("streetAddress")), dest.city() + " " + dest.state() + " " + toZip,
        "POSTAGE $" + postage.toPlainString(), "USPS TRACKING # " + number);
    return new Label(parcel, req, pt.crid(), key, meta, imageType, labelType,
        "SEPARATE_PAGE".equals(receipt), "USPS " + product.productName().toUpperCase(Locale.ROOT), lines, false);
  }

  /**
   * The label's {@code fees[]}: a parcel longer than 22 inches on its longest side pays the
   * Nonstandard Length fee (name and SKU as in the Prices spec's examples; the emulator charges one
   * flat price for every length above 22 inches). Not part of {@code postage}, which the spec says
   * excludes fees.
   */
  static List<Object> nonstandardFees(double length, double width, double height) {
    if (Math.max(length, Math.max(width, height)) <= 22) return List.of();
    return List.of(Json.obj().with("name", "Nonstandard Length > 22").with("SKU", "D811XVUXXXX0000")
        .with("price", new BigDecimal("4.00")));
  }

  private Label buildInternational(Map<String, Object> req, PaymentToken pt, String key) {
    Problems p = new Problems();
    Map<String, Object> image = optionalObject(req, "imageInfo", p);
    Map<String, Object> to = requiredObject(req, "toAddress", p);
    Map<String, Object> from = requiredObject(req, "fromAddress", p);
    Map<String, Object> pkg = requiredObject(req, "packageDescription", p);
    Map<String, Object> customs = requiredObject(req, "customsForm", p);
    p.throwIfAny();
    for (String f : List.of("streetAddress", "city", "country", "countryISOAlpha2Code")) {
      if (str(to, f) == null) {
        p.required("toAddress." + f);
      }
    }
    if (str(to, "countryISOAlpha2Code") != null && !str(to, "countryISOAlpha2Code").matches("^[A-Z]{2}$")) {
      p.add("160252", "Invalid countryISOAlpha2Code", "toAddress.countryISOAlpha2Code must be two letters.",
          "toAddress.countryISOAlpha2Code");
    }
    if (str(to, "firm") == null && (str(to, "firstName") == null || str(to, "lastName") == null)) {
      p.add("160075", "Name required", "firstName and lastName or firm name are required", "toAddress");
    }
    domesticAddress(from, "fromAddress", p);
    if (str(from, "firm") == null) {
      p.add("160023", "firm required", "firm is required in From Address for labels with customs form.",
          "fromAddress.firm");
    }
    String imageType = image == null || str(image, "imageType") == null ? "PDF" : str(image, "imageType");
    if (!INTERNATIONAL_IMAGE_TYPES.contains(imageType)) {
      p.add("160252", "Invalid imageType", "imageInfo.imageType " + imageType + " is not valid.", "imageInfo.imageType");
    }
    String mailClass = enumValue(pkg, "mailClass", Rates.INTERNATIONAL.keySet(), p, "packageDescription.");
    if (mailClass == null) {
      p.required("packageDescription.mailClass");
    }
    if (enumValue(pkg, "processingCategory", Set.of("LETTERS", "FLATS", "MACHINABLE", "NONSTANDARD", "NON_MACHINABLE"),
        p, "packageDescription.") == null) {
      p.required("packageDescription.processingCategory");
    }
    if (enumValue(pkg, "destinationEntryFacilityType", Set.of("NONE", "INTERNATIONAL_SERVICE_CENTER"), p,
        "packageDescription.") == null) {
      p.required("packageDescription.destinationEntryFacilityType");
    }
    LocalDate mailingDate = mailingDate(pkg, p);
    Double weight = positive(pkg, "weight", p, "packageDescription.");
    dimension(pkg, "length", p, "packageDescription.");
    dimension(pkg, "width", p, "packageDescription.");
    dimension(pkg, "height", p, "packageDescription.");
    List<Integer> extras = intList(pkg, "extraServices", p);
    String contentType = enumValue(customs, "customsContentType", CUSTOMS_TYPES, p, "customsForm.");
    if (contentType == null) {
      p.required("customsForm.customsContentType");
    } else if (contentType.equals("OTHER") && str(customs, "contentComments") == null) {
      p.add("160019", "contentComments required", "contentComments are required when contentType is OTHER",
          "customsForm.contentComments");
    }
    if (str(customs, "AESITN") == null) {
      p.required("customsForm.AESITN");
    }
    Object contents = customs.get("contents");
    if (!(contents instanceof List) || ((List<?>) contents).isEmpty() || ((List<?>) contents).size() > 30) {
      p.add("030010", "contents required", "customsForm.contents must hold 1 to 30 items.", "customsForm.contents");
    } else {
      for (Object o : (List<?>) contents) {
        Map<String, Object> item = object(o, "customsForm.contents[]");
        String d = str(item, "itemDescription");
        if (d == null || d.length() > 30) {
          p.add("030010", "itemDescription required", "itemDescription is required (1-30 characters).",
              "customsForm.contents.itemDescription");
        } else if (BANNED_DESCRIPTIONS.contains(d.trim().toUpperCase(Locale.ROOT))) {
          p.add("160050", "Invalid itemDescription", "itemDescription '" + d + "' is not an acceptable description.",
              "customsForm.contents.itemDescription");
        }
        Double q = number(item, "itemQuantity");
        if (q == null || q < 1) {
          p.required("customsForm.contents.itemQuantity");
        }
        String coo = str(item, "countryofOrigin");
        if (coo == null || !coo.matches("^[A-Z]{2}$")) {
          p.add("030010", "countryofOrigin required", "countryofOrigin is required (ISO 3166-1 alpha-2).",
              "customsForm.contents.countryofOrigin");
        }
        if (number(item, "itemTotalValue") == null && number(item, "itemValue") == null) {
          p.required("customsForm.contents.itemTotalValue");
        }
        if (number(item, "itemTotalWeight") == null && number(item, "itemWeight") == null) {
          p.required("customsForm.contents.itemTotalWeight");
        }
      }
    }
    p.throwIfAny();
    Rates.Product product = Rates.INTERNATIONAL.get(mailClass);
    if (weight > product.maxLb()) {
      throw bad("030004", "Weight not eligible", "Package weight does not qualify for this product.",
          "packageDescription.weight");
    }
    String country = str(to, "countryISOAlpha2Code");
    int group = Rates.priceGroup(country);
    int pounds = Rates.billablePounds(weight, BigDecimal.ZERO);
    BigDecimal postage = Rates.internationalPrice(product, pounds, group, "COMMERCIAL");
    Map<String, Object> options = pkg.get("packageOptions") instanceof Map ? object(pkg.get("packageOptions"), "x") : Map.of();
    Double packageValue = number(options, "packageValue");
    List<Object> services = new ArrayList<>();
    for (int code : extras == null ? List.<Integer>of() : extras) {
      Rates.ExtraServiceInfo info = Rates.internationalExtraService(code, packageValue == null ? 0 : packageValue);
      if (info == null || (Rates.needsValue(code) && (packageValue == null || packageValue <= 0))) {
        throw bad("160252", "Invalid extra service", "Extra service " + code + " is not available for " + mailClass
            + " without the values it needs.", "packageDescription.extraServices");
      }
      services.add(Json.obj().with("serviceID", Integer.toString(code)).with("serviceName", info.name())
          .with("price", info.price()).with("sku", info.sku()).with("warnings", List.of()));
    }
    String number = TrackingNumbers.s10(product.s10Prefix(), serial.incrementAndGet());
    Json.Obj address = Json.obj();
    for (String f : List.of("firstName", "lastName", "firm")) {
      address.with(f, nonEmpty(str(to, f)) ? str(to, f).toUpperCase(Locale.ROOT) : null);
    }
    address.with("streetAddress", str(to, "streetAddress").toUpperCase(Locale.ROOT))
        .with("secondaryAddress", nonEmpty(str(to, "secondaryAddress")) ? str(to, "secondaryAddress").toUpperCase(Locale.ROOT) : null)
        .with("city", str(to, "city").toUpperCase(Locale.ROOT))
        .with("postalCode", str(to, "postalCode"))
        .with("province", str(to, "province"))
        .with("country", str(to, "country"))
        .with("countryISOAlpha2Code", country);
    Json.Obj meta = Json.obj()
        .with("labelAddress", address)
        .with("internationalTrackingNumber", number)
        .with("constructCode", "I01")
        .with("SKU", Rates.internationalSku(product, group, pounds))
        .with("postage", postage)
        .with("extraServices", services)
        .with("internationalPriceGroup", String.format("%02d", group))
        .with("weightUOM", "lb")
        .with("weight", BigDecimal.valueOf(weight))
        .with("dimensionalWeight", "0.0")
        .with("mailingDate", mailingDate.toString())
        .with("fees", List.of());
    if (imageType.equals("LABEL_BROKER")) {
      meta.with("labelBrokerID", "LB" + number.substring(2, 10));
    }
    String fromZip = str(from, "ZIPCode");
    Geo.Place origin = new Geo.Place(Addresses.city(str(from, "city")), str(from, "state"), fromZip);
    Geo.Place dest = new Geo.Place(str(to, "city").toUpperCase(Locale.ROOT), null, null);
    Parcel parcel = new Parcel(number, Parcel.Kind.INTERNATIONAL_LABEL, product, origin, dest, country,
        clock.instant(), mailingDate, null, pt.mid(), fromZip, "NONE");
    List<String> lines = List.of(product.productName().toUpperCase(Locale.ROOT), "SHIP TO:", nameLine(to),
        str(to, "streetAddress").toUpperCase(Locale.ROOT), str(to, "city").toUpperCase(Locale.ROOT) + " "
            + (str(to, "postalCode") == null ? "" : str(to, "postalCode")),
        String.valueOf(str(to, "country")).toUpperCase(Locale.ROOT), "CUSTOMS: " + contentType,
        "POSTAGE $" + postage.toPlainString(), number);
    return new Label(parcel, req, pt.crid(), key, meta, imageType, "4X6LABEL", false,
        "USPS " + product.productName().toUpperCase(Locale.ROOT), lines, true);
  }

  private static String nameLine(Map<String, Object> a) {
    String n = ((str(a, "firstName") == null ? "" : str(a, "firstName")) + " "
        + (str(a, "lastName") == null ? "" : str(a, "lastName"))).trim();
    if (str(a, "firm") != null) {
      n = n.isEmpty() ? str(a, "firm") : n + " / " + str(a, "firm");
    }
    return n.toUpperCase(Locale.ROOT);
  }

  private static Json.Obj labelAddress(Map<String, Object> to) {
    String street = Addresses.street(str(to, "streetAddress"));
    String secondary = Addresses.street(str(to, "secondaryAddress"));
    Json.Obj a = Json.obj();
    for (String f : List.of("firstName", "lastName", "firm")) {
      a.with(f, nonEmpty(str(to, f)) ? str(to, f).toUpperCase(Locale.ROOT) : null);
    }
    return a.with("streetAddress", street)
        .with("secondaryAddress", nonEmpty(secondary) ? secondary : null)
        .with("city", Addresses.city(str(to, "city")))
        .with("state", str(to, "state"))
        .with("ZIPCode", str(to, "ZIPCode"))
        .with("ZIPPlus4", str(to, "ZIPPlus4") != null ? str(to, "ZIPPlus4") : Addresses.plus4(street, secondary))
        .with("ignoreBadAddress", to.get("ignoreBadAddress") instanceof Boolean ? to.get("ignoreBadAddress") : null);
  }

  private static void domesticAddress(Map<String, Object> a, String prefix, Problems p) {
    for (String f : List.of("streetAddress", "city", "state", "ZIPCode")) {
      if (str(a, f) == null) {
        p.required(prefix + "." + f);
      }
    }
    if (str(a, "state") != null && !Geo.isState(str(a, "state"))) {
      p.add("010003", "Invalid State Code", prefix + ".state " + str(a, "state") + " is not a valid state code.",
          prefix + ".state");
    }
    if (str(a, "ZIPCode") != null && !str(a, "ZIPCode").matches("^\\d{5}$")) {
      p.add("010002", "Invalid ZIP Code", prefix + ".ZIPCode must be 5 digits.", prefix + ".ZIPCode");
    }
    if (str(a, "ZIPPlus4") != null && !str(a, "ZIPPlus4").matches("^\\d{4}$")) {
      p.add("010002", "Invalid ZIP Code", prefix + ".ZIPPlus4 must be 4 digits.", prefix + ".ZIPPlus4");
    }
    if (str(a, "firm") == null && (str(a, "firstName") == null || str(a, "lastName") == null)) {
      p.add("160075", "Name required", "firstName and lastName or firm name are required", prefix);
    }
  }

  private static LocalDate mailingDate(Map<String, Object> pkg, Problems p) {
    String s = str(pkg, "mailingDate");
    if (s == null) {
      p.required("packageDescription.mailingDate");
      return null;
    }
    try {
      return s.length() == 10 ? LocalDate.parse(s) : OffsetDateTime.parse(s).toLocalDate();
    } catch (DateTimeException e) {
      p.add("160252", "Invalid mailingDate", "packageDescription.mailingDate must be a date (YYYY-MM-DD) or date-time.",
          "packageDescription.mailingDate");
      return null;
    }
  }

  /** Renders a label in the form the {@code Accept} header asks for. */
  private Wire.Reply render(Label label, String accept) {
    int status = label.international() ? 201 : 200;
    String number = label.parcel().trackingNumber;
    Image img = image(label);
    boolean vendor = accept.toLowerCase(Locale.ROOT).contains(Wire.VENDOR_JSON);
    Wire.Reply reply;
    if (vendor) {
      Json.Obj out = Json.obj();
      out.putAll(label.metadata());
      if (img != null) {
        out.with(label.imageType().equals("LABEL_BROKER") ? "labelBrokerQR" : "labelImage", img.base64());
      }
      if (label.separateReceipt() && img != null && !label.imageType().startsWith("ZPL")) {
        out.with("receiptImage", receipt(label).base64());
      }
      reply = Wire.json(status, out, Wire.VENDOR_JSON);
    } else {
      List<Wire.Part> parts = new ArrayList<>();
      parts.add(new Wire.Part("labelMetadata", "application/json", null, Json.write(label.metadata())));
      if (img != null) {
        String name = label.imageType().equals("LABEL_BROKER") ? "labelBrokerQR" : "labelImage";
        parts.add(new Wire.Part(name, img.contentType(), name + "." + img.extension(), img.base64()));
      }
      if (label.separateReceipt() && img != null && !label.imageType().startsWith("ZPL")) {
        Image r = receipt(label);
        parts.add(new Wire.Part("receiptImage", r.contentType(), "receiptImage." + r.extension(), r.base64()));
      }
      reply = Wire.multipart(status, parts);
    }
    if (label.idempotencyKey() != null) {
      reply = Wire.withHeader(reply, "X-Idempotency-Key", label.idempotencyKey());
    }
    return reply;
  }

  record Image(String contentType, String extension, byte[] bytes) {
    String base64() {
      return Base64.getEncoder().encodeToString(bytes);
    }
  }

  private static Image image(Label l) {
    String number = l.parcel().trackingNumber;
    double w = 4;
    double h = 6;
    switch (l.labelType()) {
      case "4X4LABEL": h = 4; break;
      case "4X5LABEL": h = 5; break;
      case "6X4LABEL": w = 6; h = 4; break;
      case "2X7LABEL": w = 2; h = 7; break;
      default: break;
    }
    switch (l.imageType()) {
      case "NONE":
        return null;
      case "PNG":
      case "LABEL_BROKER":
        return new Image("image/png", "png", Documents.png(number, (int) (w * 50), (int) (h * 50)));
      case "SVG":
        return new Image("image/svg+xml", "svg", Documents.svg(l.title(), number));
      case "ZPL203DPI":
        return new Image("application/octet-stream", "zpl", Documents.zpl(l.title(), l.lines(), number, 203));
      case "ZPL300DPI":
        return new Image("application/octet-stream", "zpl", Documents.zpl(l.title(), l.lines(), number, 300));
      case "EPL300DPI":
        return new Image("application/octet-stream", "epl", ("N\nq1200\nQ1800,24\nA50,50,0,4,1,1,N,\"" + l.title()
            + "\"\nB50,400,0,1,3,7,200,B,\"" + number + "\"\nP1\n").getBytes(StandardCharsets.US_ASCII));
      case "JPG":
      case "GIF":
      case "TIFF":
        Image converted = ImageFormats.convert(Documents.png(number, (int) (w * 50), (int) (h * 50)), l.imageType());
        if (converted != null) {
          return converted;
        }
        return new Image("application/pdf", "pdf", Documents.pdf(l.title(), l.lines(), number, w, h));
      default:
        return new Image("application/pdf", "pdf", Documents.pdf(l.title(), l.lines(), number, w, h));
    }
  }

  private static Image receipt(Label l) {
    List<String> lines = new ArrayList<>(l.lines());
    lines.add(0, "CUSTOMER RECEIPT");
    return new Image("application/pdf", "pdf", Documents.pdf(l.title() + " - RECEIPT", lines,
        l.parcel().trackingNumber, 4, 6));
  }

  // ==================================================================== cancel

  private Wire.Reply cancel(String api, TreeMap<String, String> headers, String number, boolean intl) {
    try {
      checkPaymentToken(api, headers);
    } catch (Unauthorized u) {
      return u.reply;
    }
    String n = normalise(number);
    Label label = labels.get(n);
    if (label == null || label.international() != intl) {
      return Wire.badRequest(api, "160185", "Order not found", "Order not found", "trackingNumber");
    }
    Parcel parcel = label.parcel();
    synchronized (labelLock) {
      if (parcel.canceledAt != null) {
        return Wire.badRequest(api, "160186", "Order already canceled", "Order already canceled", "trackingNumber");
      }
      if (parcel.scanFormNumber != null) {
        return Wire.badRequest(api, "160174", "Label on a SCAN Form",
            "Labels associated with a scan form cannot be canceled", "trackingNumber");
      }
      Instant now = clock.instant();
      Instant manifested = parcel.mailingDate.plusDays(1).atTime(0, 30).atZone(ZoneId.of("America/Chicago")).toInstant();
      boolean accepted = Tracking.events(parcel, now).stream().anyMatch(e -> !e.step().code().equals("GX"));
      Json.Obj out = Json.obj().with("trackingNumber", n);
      if (accepted || !now.isBefore(manifested)) {
        out.with("status", "DISPUTED").with("disputeId", Long.toString(disputes.incrementAndGet()));
        if (!accepted) {
          parcel.canceledAt = now;
        }
      } else {
        out.with("status", "CANCELED");
        parcel.canceledAt = now;
      }
      Wire.Reply r = Wire.json(200, out);
      if (label.idempotencyKey() != null) {
        r = Wire.withHeader(r, "X-Idempotency-Key", label.idempotencyKey());
      }
      return r;
    }
  }

  // ==================================================================== tracking

  private Wire.Reply trackBatch(String api, String body) {
    Object parsed = Json.parse(body);
    if (!(parsed instanceof List) || ((List<?>) parsed).isEmpty() || ((List<?>) parsed).size() > 35) {
      return Wire.badRequest(api, "160252", "Invalid request",
          "The request body must be an array of 1 to 35 tracking requests.", "body");
    }
    Problems p = new Problems();
    List<String> numbers = new ArrayList<>();
    for (Object o : (List<?>) parsed) {
      Map<String, Object> item = object(o, "body[]");
      String n = str(item, "trackingNumber");
      if (n == null || !n.replace(" ", "").matches("^[A-Za-z0-9]{4,34}$")) {
        p.add("160252", "Invalid trackingNumber", "trackingNumber must be 4 to 34 letters or digits.", "trackingNumber");
      }
      if (str(item, "destinationZIPCode") != null && !str(item, "destinationZIPCode").matches("^\\d{5}$")) {
        p.add("160252", "Invalid destinationZIPCode", "destinationZIPCode must be 5 digits.", "destinationZIPCode");
      }
      numbers.add(n);
    }
    p.throwIfAny();
    Instant now = clock.instant();
    List<Object> results = new ArrayList<>();
    boolean anyFailed = false;
    List<Json.Obj> found = new ArrayList<>();
    for (String requested : numbers) {
      String n = normalise(requested);
      Parcel parcel = parcels.get(n);
      List<Tracking.Event> events = parcel == null ? List.of() : Tracking.events(parcel, now);
      if (events.isEmpty()) {
        anyFailed = true;
        found.add(null);
        Json.Obj failure = Json.obj().with("statusCode", "404").with("trackingNumber", requested)
            .with("apiVersion", api)
            .with("error", Json.obj().with("code", "404").with("message", NOT_AVAILABLE)
                .with("errors", List.of(Wire.item("404", null, "Not Found", NOT_AVAILABLE, "trackingNumber"))));
        results.add(failure);
      } else {
        Json.Obj detail = Tracking.detailV3r2(parcel, events);
        found.add(detail);
        results.add(detail);
      }
    }
    if (anyFailed) {
      for (Json.Obj d : found) {
        if (d != null) {
          d.put("statusCode", "200");
        }
      }
      return Wire.json(207, results);
    }
    return Wire.json(200, results);
  }

  private Wire.Reply trackOne(String api, String number, Map<String, List<String>> query) {
    String expand = first(query, "expand");
    if (expand != null && !expand.equals("DETAIL") && !expand.equals("SUMMARY")) {
      return Wire.badRequest(api, "160252", "Invalid expand", "expand must be SUMMARY or DETAIL.", "expand");
    }
    String n = normalise(java.net.URLDecoder.decode(number, StandardCharsets.UTF_8));
    Parcel parcel = parcels.get(n);
    List<Tracking.Event> events = parcel == null ? List.of() : Tracking.events(parcel, clock.instant());
    if (events.isEmpty()) {
      boolean plausible = TrackingNumbers.isValidImpb(n) || TrackingNumbers.isValidS10(n);
      String code = plausible ? "150001" : "150002";
      String message = plausible
          ? "12: A status update is not yet available on your package. It will be available when the shipper provides "
              + "an update or the package is given to USPS. Check back soon. Sign up for Informed Delivery<SUP>reg;</SUP> "
              + "to receive notifications for packages addressed to you. -"
          : "7: The tracking number may be incorrect or the status update is not yet available. Please verify your "
              + "tracking number and try again later. -";
      return Wire.error(400, api, message, List.of(Wire.item("400", code, "BAD_REQUEST", message, "trackingNumber")));
    }
    if ("DETAIL".equals(expand)) {
      return Wire.json(200, Tracking.detailV3(parcel, events));
    }
    return Wire.json(200, Tracking.summaryV3(parcel, events));
  }

  static String normalise(String n) {
    if (n == null) {
      return "";
    }
    return TrackingNumbers.stripRoutingPrefix(n.replace(" ", "").toUpperCase(Locale.ROOT));
  }

  // ==================================================================== addresses

  private Wire.Reply address(String api, Map<String, List<String>> query) {
    Problems p = new Problems();
    String street = first(query, "streetAddress");
    String state = first(query, "state");
    String city = first(query, "city");
    String zip = first(query, "ZIPCode");
    String plus4 = first(query, "ZIPPlus4");
    if (street == null || street.isBlank()) {
      p.add("010001", "Invalid Address", "The address information in the request is insufficient to match.",
          "streetAddress");
    }
    if (state == null || !Geo.isState(state.toUpperCase(Locale.ROOT))) {
      p.add("010003", "Invalid State Code", "The state code in the request is missing or invalid.", "state");
    }
    if ((city == null || city.isBlank()) && (zip == null || zip.isBlank())) {
      p.add("010004", "Invalid City", "The city in the request is missing or invalid.", "city");
    }
    if (zip != null && !zip.isBlank() && !zip.matches("^\\d{5}$")) {
      p.add("010002", "Invalid ZIP Code", "The ZIP Code in the request is invalid.", "ZIPCode");
    }
    if (plus4 != null && !plus4.isBlank() && !plus4.matches("^\\d{4}$")) {
      p.add("010002", "Invalid ZIP Code", "The ZIPPlus4 in the request is invalid.", "ZIPPlus4");
    }
    p.throwIfAny();
    state = state.toUpperCase(Locale.ROOT);
    String stdCity = city == null || city.isBlank() ? null : Addresses.city(city);
    if (zip == null || zip.isBlank()) {
      for (Geo.Place place : Geo.KNOWN_ZIPS.values()) {
        if (place.city().equals(stdCity) && place.state().equals(state)) {
          zip = place.zip();
          break;
        }
      }
      if (zip == null || zip.isBlank()) {
        zip = Geo.baseZipFor(state);
      }
    } else if (stdCity == null) {
      Geo.Place place = Geo.KNOWN_ZIPS.get(zip);
      stdCity = place != null && place.state().equals(state) ? place.city() : null;
    }
    if (!Addresses.hasPrimaryNumber(street) || zip == null || stdCity == null) {
      return Wire.error(404, api, "Address Not Found.", List.of(Wire.item("404", "010005", "Address Not Found",
          "There is no match for the address requested.", "streetAddress")));
    }
    String stdStreet = Addresses.street(street);
    String secondary = Addresses.street(first(query, "secondaryAddress"));
    String firm = first(query, "firm");
    Json.Obj address = Json.obj()
        .with("streetAddress", stdStreet)
        .with("secondaryAddress", nonEmpty(secondary) ? secondary : null)
        .with("city", stdCity)
        .with("state", state)
        .with("ZIPCode", zip)
        .with("ZIPPlus4", Addresses.plus4(stdStreet, secondary))
        .with("urbanization", nonEmpty(first(query, "urbanization")) ? first(query, "urbanization").toUpperCase(Locale.ROOT) : null);
    Json.Obj out = Json.obj();
    if (nonEmpty(firm)) {
      out.with("firm", firm.toUpperCase(Locale.ROOT));
    }
    // A building number ending in 00 without a secondary address is a multi-unit building: USPS's
    // default match (correction 32, DPV D: primary confirmed, secondary missing), no exact match.
    boolean defaultMatch = !nonEmpty(secondary) && stdStreet.matches("^\\d*00\\s.*");
    out.with("address", address)
        .with("additionalInfo", Json.obj()
            .with("deliveryPoint", Addresses.deliveryPoint(stdStreet))
            .with("carrierRoute", Addresses.carrierRoute(zip))
            .with("DPVConfirmation", defaultMatch ? "D" : "Y")
            .with("DPVCMRA", "N")
            .with("business", nonEmpty(firm) ? "Y" : "N")
            .with("centralDeliveryPoint", defaultMatch ? "Y" : "N")
            .with("vacant", "N"))
        .with("corrections", defaultMatch ? List.of(Json.obj().with("code", "32").with("text",
            "Default address: The address you entered was found but more information is needed (such as an "
                + "apartment, suite, or box number) to match to a specific address.")) : List.of())
        .with("matches", defaultMatch ? List.of()
            : List.of(Json.obj().with("code", "31").with("text", "Single Response - exact match")))
        .with("warnings", List.of());
    return Wire.json(200, out);
  }

  // ==================================================================== SCAN forms

  private Wire.Reply scanForm(String api, TreeMap<String, String> headers, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    Problems p = new Problems();
    String mailingDate = date(req, "mailingDate", p);
    if (mailingDate == null) {
      p.required("mailingDate");
    }
    String entryZip = str(req, "entryFacilityZIPCode");
    if (entryZip == null || !entryZip.matches("^\\d{5}$")) {
      p.required("entryFacilityZIPCode");
    }
    String entryType = str(req, "destinationEntryFacilityType");
    if (entryType == null) {
      p.required("destinationEntryFacilityType");
    }
    Map<String, Object> shipment = requiredObject(req, "shipment", p);
    Map<String, Object> from = requiredObject(req, "fromAddress", p);
    p.throwIfAny();
    domesticAddress(from, "fromAddress", p);
    p.throwIfAny();
    List<String> numbers = new ArrayList<>();
    synchronized (labelLock) {
      if (shipment.get("trackingNumbers") instanceof List) {
        for (Object o : (List<?>) shipment.get("trackingNumbers")) {
          String n = normalise(String.valueOf(o));
          Label l = labels.get(n);
          if (l == null) {
            p.add("160039", "Barcode not found", "barcode " + o + " does not exist", "barcode");
          } else if (l.parcel().canceledAt != null) {
            p.add("160397", "Barcode canceled",
                "barcode " + n + " has been canceled and is not eligible to be added to a SCAN Form", "barcode");
          } else if (l.parcel().scanFormNumber != null) {
            p.add("160040", "Barcode already on a SCAN Form", "barcode " + n
                + " is already part of another SCAN Form with efn " + l.parcel().scanFormNumber, "scanFormEfn");
          } else {
            numbers.add(n);
          }
        }
      } else {
        String mid = str(shipment, "MID");
        String manifestMid = str(shipment, "manifestMID");
        if (mid == null && manifestMid == null) {
          p.required("shipment.trackingNumbers");
        }
        for (Label l : labels.values()) {
          Parcel parcel = l.parcel();
          boolean owner = mid != null ? mid.equals(parcel.mid) : manifestMid.equals(parcel.mid);
          if (owner && parcel.canceledAt == null && parcel.scanFormNumber == null
              && parcel.mailingDate.toString().equals(mailingDate)) {
            numbers.add(parcel.trackingNumber);
          }
        }
      }
      p.throwIfAny();
      if (numbers.isEmpty()) {
        return Wire.badRequest(api, "160037", "No eligible labels",
            "The SCAN Form could not be created because no labels met the given criteria",
            "mailingDate,entryFacilityZIPCode,destinationEntryFacilityType,shipment");
      }
      String efn = TrackingNumbers.impb("750", DEFAULT_MID, serial.incrementAndGet());
      for (String n : numbers) {
        labels.get(n).parcel().scanFormNumber = efn;
      }
      Json.Obj fromOut = Json.obj();
      for (String f : List.of("firstName", "lastName", "firm", "streetAddress", "secondaryAddress", "city", "state",
          "ZIPCode", "ZIPPlus4")) {
        String v = str(from, f);
        fromOut.with(f, nonEmpty(v) ? v.toUpperCase(Locale.ROOT) : null);
      }
      Map<String, Object> image = req.get("imageInfo") instanceof Map ? object(req.get("imageInfo"), "imageInfo") : null;
      Json.Obj meta = Json.obj()
          .with("imageInfo", Json.obj().with("imageType", image != null && str(image, "imageType") != null
              ? str(image, "imageType") : "PDF")
              .with("labelType", image != null && str(image, "labelType") != null ? str(image, "labelType") : "8.5X11LABEL"))
          .with("form", "5630")
          .with("mailingDate", mailingDate)
          .with("overwriteMailingDate", Boolean.TRUE.equals(req.get("overwriteMailingDate")))
          .with("entryFacilityZIPCode", entryZip)
          .with("destinationEntryFacilityType", entryType)
          .with("shipment", shipment)
          .with("fromAddress", fromOut)
          .with("manifestNumber", efn)
          .with("trackingNumbers", numbers);
      List<String> lines = new ArrayList<>();
      lines.add("PS FORM 5630 - SHIPMENT CONFIRMATION ACCEPTANCE NOTICE");
      lines.add("EFN " + efn + "  MAILING DATE " + mailingDate + "  ENTRY ZIP " + entryZip);
      lines.add(numbers.size() + " PACKAGE(S):");
      lines.addAll(numbers.size() > 30 ? numbers.subList(0, 30) : numbers);
      String pdf = Base64.getEncoder().encodeToString(Documents.pdf("USPS SCAN FORM", lines, efn, 8.5, 11));
      if (headers.getOrDefault("Accept", "").toLowerCase(Locale.ROOT).contains(Wire.VENDOR_JSON)) {
        Json.Obj out = Json.obj();
        out.putAll(meta);
        out.with("SCANFormImage", pdf);
        return Wire.json(200, out, Wire.VENDOR_JSON);
      }
      return Wire.multipart(200, List.of(
          new Wire.Part("SCANFormMetaData", "application/json", null, Json.write(meta)),
          new Wire.Part("SCANFormImage", "application/pdf", "SCANFormImage.pdf", pdf)));
    }
  }

  // ==================================================================== input helpers

  private static BadInput bad(String code, String title, String detail, String parameter) {
    return new BadInput(List.of(Wire.item("400", code, title, detail, parameter)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o, String what) {
    if (!(o instanceof Map)) {
      throw bad("160252", "Invalid request", what + " must be a JSON object.", what);
    }
    return (Map<String, Object>) o;
  }

  private static Map<String, Object> requiredObject(Map<String, Object> m, String key, Problems p) {
    Object o = m.get(key);
    if (!(o instanceof Map)) {
      p.required(key);
      return null;
    }
    return object(o, key);
  }

  private static Map<String, Object> optionalObject(Map<String, Object> m, String key, Problems p) {
    Object o = m.get(key);
    if (o == null) {
      return null;
    }
    if (!(o instanceof Map)) {
      p.add("160252", "Invalid " + key, key + " must be an object.", key);
      return null;
    }
    return object(o, key);
  }

  static String str(Map<String, Object> m, String key) {
    Object o = m == null ? null : m.get(key);
    if (o == null) {
      return null;
    }
    String s = o instanceof BigDecimal ? ((BigDecimal) o).toPlainString() : String.valueOf(o);
    return s.isBlank() ? null : s;
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isBlank();
  }

  private static Double number(Map<String, Object> m, String key) {
    Object o = m.get(key);
    return o instanceof BigDecimal ? ((BigDecimal) o).doubleValue() : null;
  }

  private static Double positive(Map<String, Object> m, String key, Problems p) {
    return positive(m, key, p, "");
  }

  private static Double positive(Map<String, Object> m, String key, Problems p, String prefix) {
    Object o = m.get(key);
    if (o == null) {
      p.required(prefix + key);
      return null;
    }
    if (!(o instanceof BigDecimal) || ((BigDecimal) o).signum() <= 0) {
      p.add("160252", "Invalid " + key, prefix + key + " must be a number greater than 0.", prefix + key);
      return null;
    }
    return ((BigDecimal) o).doubleValue();
  }

  private static Double dimension(Map<String, Object> m, String key, Problems p) {
    return dimension(m, key, p, "");
  }

  private static Double dimension(Map<String, Object> m, String key, Problems p, String prefix) {
    Object o = m.get(key);
    if (o == null) {
      p.add("160206", "Missing dimension", prefix + key + " must not be null", prefix + key);
      return null;
    }
    if (!(o instanceof BigDecimal) || ((BigDecimal) o).signum() < 0) {
      p.add("160252", "Invalid " + key, prefix + key + " must be a number of inches.", prefix + key);
      return null;
    }
    return ((BigDecimal) o).doubleValue();
  }

  private static String zip(Map<String, Object> m, String key, Problems p) {
    String z = str(m, key);
    if (z == null) {
      p.required(key);
      return null;
    }
    if (!z.matches("^\\d{5}(?:[-\\s]\\d{4})?$")) {
      p.add("160252", "Invalid " + key, key + " must be a 5-digit ZIP Code or ZIP+4.", key);
      return null;
    }
    return z.substring(0, 5);
  }

  private static String enumValue(Map<String, Object> m, String key, Set<String> allowed, Problems p) {
    return enumValue(m, key, allowed, p, "");
  }

  private static String enumValue(Map<String, Object> m, String key, Set<String> allowed, Problems p, String prefix) {
    String v = str(m, key);
    if (v != null && !allowed.contains(v)) {
      p.add("160252", "Invalid " + key, prefix + key + " " + v + " is not a valid value.", prefix + key);
      return null;
    }
    return v;
  }

  private static String date(Map<String, Object> m, String key, Problems p) {
    String v = str(m, key);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v).toString();
    } catch (DateTimeException e) {
      p.add("160252", "Invalid " + key, key + " must be a date (YYYY-MM-DD).", key);
      return null;
    }
  }

  private static List<Integer> intList(Map<String, Object> m, String key, Problems p) {
    Object o = m.get(key);
    if (o == null) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    if (o instanceof List) {
      for (Object x : (List<?>) o) {
        if (x instanceof BigDecimal && ((BigDecimal) x).scale() <= 0) {
          out.add(((BigDecimal) x).intValue());
        } else {
          p.add("160252", "Invalid " + key, key + " must be an array of integer codes.", key);
          return null;
        }
      }
      return out;
    }
    p.add("160252", "Invalid " + key, key + " must be an array of integer codes.", key);
    return null;
  }

  private static String first(Map<String, List<String>> query, String key) {
    List<String> v = query.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
