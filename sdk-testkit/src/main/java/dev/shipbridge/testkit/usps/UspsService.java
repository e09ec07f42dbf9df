package dev.shipbridge.testkit.usps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The emulated USPS: routes a request to its API and answers in USPS's wire format. Thread-safe.
 * Internal to the testkit; use {@link dev.shipbridge.testkit.UspsEmulator}.
 */
public final class UspsService {
  final Clock clock;
  final String clientId;
  final String clientSecret;

  final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
  /** Every access token issued since the last reset (revoked and expired ones too). */
  final java.util.Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
  final MerchantGrants grants;
  final Map<String, PaymentsApi.PaymentToken> paymentTokens = new ConcurrentHashMap<>();
  final Map<String, LabelsApi.Label> labels = new ConcurrentHashMap<>();
  final Map<String, LabelsApi.Label> byIdempotencyKey = new ConcurrentHashMap<>();
  final Map<String, Parcel> parcels = new ConcurrentHashMap<>();
  final AtomicLong serial = new AtomicLong(1_000_000);
  final AtomicLong disputes = new AtomicLong(103_789);
  final AtomicInteger purchased = new AtomicInteger();
  final ReentrantLock labelLock = new ReentrantLock();
  private final Set<String> deniedApis = ConcurrentHashMap.newKeySet();
  /** Whether quotes for Parcel Select (or every class) include the destination-entry offers. */
  volatile boolean destinationEntry;
  /** The scopes a client-credentials grant may hold (RFC 6749 section 3.3: fewer than asked, named in the answer); null: as asked. */
  volatile Set<String> applicationProducts;
  private final ShipmentOptions options;
  private final OAuthApi oauth;
  private final PaymentsApi payments;
  private final PricesApi prices;
  private final LabelsApi labelsApi;
  private final TrackingApi tracking;
  private final AddressesApi addresses;
  private final ScanFormsApi scanForms;
  private final ReturnsApi returns;
  private final PickupApi pickups;
  private final SubscriptionsApi subscriptions;
  final TrackingAccess trackingAccess = new TrackingAccess();

  public UspsService(Clock clock, String clientId, String clientSecret) {
    this.clock = clock;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.grants = new MerchantGrants(clock);
    this.oauth = new OAuthApi(this);
    this.payments = new PaymentsApi(this);
    this.prices = new PricesApi(this);
    this.labelsApi = new LabelsApi(this, payments);
    this.tracking = new TrackingApi(this, trackingAccess);
    this.addresses = new AddressesApi();
    this.scanForms = new ScanFormsApi(this);
    this.returns = new ReturnsApi(this, payments);
    this.pickups = new PickupApi(this);
    this.subscriptions = new SubscriptionsApi(this);
    this.options = new ShipmentOptions(clock, prices::domesticRates, prices::internationalRates);
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

  /**
   * Enforces USPS's tracking access rule (see {@link TrackingAccess}): off by default and after
   * {@link #reset()}.
   */
  public void enforceTrackingAccess(boolean on) {
    trackingAccess.enforce(on);
  }

  /** Lets {@code caller} (this emulator's client id, or a merchant) see the tracking of parcels carrying {@code mid}. */
  public void allowTrackingMid(String caller, String mid) {
    trackingAccess.allow(caller, mid);
  }

  /** The Mailer ID in an IMpb barcode, or null for another number. */
  public static String mailerIdOf(String trackingNumber) {
    return TrackingAccess.midOf(trackingNumber);
  }

  /** Who a bearer header speaks for: the merchant its token was issued for, else the client application. */
  private String caller(String authorization) {
    String token = authorization == null || authorization.length() < 7 ? "" : authorization.substring(7).trim();
    return grants.accessMerchant.getOrDefault(token, clientId);
  }

  /**
   * Makes domestic quotes asking for Parcel Select or every class also answer Parcel Select's
   * destination-entry offers (see {@link DestinationEntry}), as USPS does for an account enrolled for
   * them; off by default and after {@link #reset()}.
   */
  public void offerDestinationEntry(boolean offer) {
    destinationEntry = offer;
  }

  /**
   * A single-use authorization code, as USPS redirects it to {@code redirectUri} once {@code merchant}
   * authorized the platform for {@code scopes} in the Business Portal.
   */
  public String authorizeMerchant(String merchant, String redirectUri, List<String> scopes) {
    return grants.authorize(merchant, redirectUri, scopes);
  }

  /**
   * Whose access token this is: the merchant it was issued for under an authorization-code or
   * refresh grant, the client id for a client-credentials token, null for a token never issued.
   */
  public String tokenOwner(String token) {
    String merchant = grants.accessMerchant.get(token);
    if (merchant != null) return merchant;
    return issuedTokens.contains(token) ? clientId : null;
  }

  /** Refresh-token grants answered with tokens so far. */
  public int refreshGrants() {
    return grants.refreshGrants.get();
  }

  /** Authorization-code grants answered with tokens so far. */
  public int codeGrants() {
    return grants.codeGrants.get();
  }

  /** Client-credentials grants hold only these of the scopes asked for (null: all asked). */
  public void applicationProducts(Set<String> scopes) {
    this.applicationProducts = scopes == null ? null : Set.copyOf(scopes);
  }

  /** Whether {@code merchant} still has a live refresh token (not revoked, rotated away or expired). */
  public boolean merchantAuthorized(String merchant) {
    return grants.authorized(merchant);
  }

  /** Forgets every token, label, parcel and idempotency key; re-seeds the test-environment numbers. */
  public void reset() {
    destinationEntry = false;
    accessTokens.clear();
    issuedTokens.clear();
    grants.clear();
    deniedApis.clear();
    trackingAccess.reset();
    paymentTokens.clear();
    labels.clear();
    byIdempotencyKey.clear();
    parcels.clear();
    purchased.set(0);
    returns.reset();
    pickups.reset();
    subscriptions.reset();
    seedTestNumbers();
  }

  /** Answers the pickup eligibility query for addresses in {@code zip} as not eligible. */
  public void pickupIneligible(String zip) {
    pickups.ineligibleZips.add(zip);
  }

  /** The notification USPS would post to subscription {@code id} about {@code number}: body and headers. */
  public Map.Entry<String, Map<String, String>> notification(String id, String number) {
    return subscriptions.notification(id, number);
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
    String n = Inputs.normalise(trackingNumber);
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

  /** Answers one request. {@code headers} must be case-insensitive. */
  public Wire.Reply handle(String method, String path, Map<String, List<String>> query,
      TreeMap<String, String> headers, String body) {
    String api = Wire.apiOf(path);
    try {
      if (path.equals("/oauth2/v3/token")) {
        return method.equals("POST") ? oauth.token(headers, body) : notAllowed(api);
      }
      if (path.equals("/oauth2/v3/revoke")) {
        return method.equals("POST") ? oauth.revoke(headers, body) : notAllowed(api);
      }
      Wire.Reply auth = oauth.checkBearer(api, headers.get("Authorization"));
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
          return method.equals("POST") ? payments.paymentAuthorization(api, body) : notAllowed(api);
        case "/prices/v3/total-rates/search":
          return method.equals("POST") ? prices.domesticRates(api, body) : notAllowed(api);
        case "/international-prices/v3/total-rates/search":
          return method.equals("POST") ? prices.internationalRates(api, body) : notAllowed(api);
        case "/labels/v3/label":
          return method.equals("POST") ? labelsApi.createLabel(api, headers, body, false) : notAllowed(api);
        case "/international-labels/v3/international-label":
          return method.equals("POST") ? labelsApi.createLabel(api, headers, body, true) : notAllowed(api);
        case "/tracking/v3r2/tracking":
          return method.equals("POST") ? tracking.trackBatch(api, body, caller(headers.get("Authorization"))) : notAllowed(api);
        case "/addresses/v3/address":
          return method.equals("GET") ? addresses.address(api, query) : notAllowed(api);
        case "/scan-forms/v3/scan-form":
          return method.equals("POST") ? scanForms.scanForm(api, headers, body) : notAllowed(api);
        case "/labels/v3/return-label":
          return method.equals("POST") ? returns.returnLabel(api, headers, body) : notAllowed(api);
        case "/pickup/v3/carrier-pickup/eligibility":
          return method.equals("GET") ? pickups.eligibility(api, query) : notAllowed(api);
        case "/pickup/v3/carrier-pickup":
          return method.equals("POST") ? pickups.schedule(api, body) : notAllowed(api);
        case "/subscriptions-tracking/v3r2/subscriptions":
          return method.equals("POST") ? subscriptions.create(api, body)
              : method.equals("GET") ? subscriptions.list(api, query) : notAllowed(api);
        default:
          break;
      }
      Wire.Reply more = routeById(method, path, api, headers, body);
      if (more != null) {
        return more;
      }
      if (path.startsWith("/labels/v3/label/")) {
        return method.equals("DELETE") ? labelsApi.cancel(api, headers, path.substring("/labels/v3/label/".length()), false)
            : notAllowed(api);
      }
      if (path.startsWith("/international-labels/v3/international-label/")) {
        return method.equals("DELETE")
            ? labelsApi.cancel(api, headers, path.substring("/international-labels/v3/international-label/".length()), true)
            : notAllowed(api);
      }
      if (path.startsWith("/tracking/v3/tracking/")) {
        return method.equals("GET") ? tracking.trackOne(api, path.substring("/tracking/v3/tracking/".length()), query,
            caller(headers.get("Authorization")))
            : notAllowed(api);
      }
      return Wire.error(404, api, "Resource not found.",
          List.of(Wire.item("404", null, "Not Found", "No resource matches " + method + " " + path, null)));
    } catch (Json.ParseException e) {
      return Wire.badRequest(api, "160252", "Malformed request body", "The request body is not valid JSON: "
          + e.getMessage(), "body");
    } catch (Inputs.BadInput e) {
      return Wire.badRequest(api, e.errors);
    }
  }

  /** The resources addressed by an id: reprints, pickups and subscriptions; null for another path. */
  private Wire.Reply routeById(String method, String path, String api, TreeMap<String, String> headers, String body) {
    if (path.startsWith("/labels/v3/label-reprint/")) {
      return method.equals("POST") ? returns.reprint(api, headers, path.substring("/labels/v3/label-reprint/".length()), body)
          : notAllowed(api);
    }
    if (path.startsWith("/pickup/v3/carrier-pickup/")) {
      String n = path.substring("/pickup/v3/carrier-pickup/".length());
      switch (method) {
        case "GET": return pickups.get(api, n);
        case "PUT": return pickups.change(api, headers, n, body);
        case "DELETE": return pickups.cancel(api, headers, n);
        default: return notAllowed(api);
      }
    }
    if (path.startsWith("/subscriptions-tracking/v3r2/subscriptions/")) {
      String id = path.substring("/subscriptions-tracking/v3r2/subscriptions/".length());
      switch (method) {
        case "GET": return subscriptions.get(api, id);
        case "PUT": return subscriptions.update(api, headers, id, body);
        case "DELETE": return subscriptions.delete(api, headers, id);
        default: return notAllowed(api);
      }
    }
    return null;
  }

  private static Wire.Reply notAllowed(String api) {
    return Wire.error(405, api, "Method Not Allowed", List.of(Wire.item("405", null, "METHOD_NOT_ALLOWED",
        "The method is not allowed for this resource.", null)));
  }

}
