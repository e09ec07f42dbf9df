package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Tracking APIs: v3r2 batch ({@code POST /tracking/v3r2/tracking}) and v3 single number. */
final class TrackingApi {
  private static final String NOT_AVAILABLE = "Tracking is not available for this item. This may be because the "
      + "tracking number is invalid; USPS has not yet received payment; USPS has not yet received the item; the "
      + "item does not include tracking; or other reasons.";

  private final Clock clock;
  private final Map<String, Parcel> parcels;
  private final TrackingAccess access;
  private final String clientId;

  TrackingApi(UspsService s, TrackingAccess access) {
    this.clock = s.clock;
    this.parcels = s.parcels;
    this.access = access;
    this.clientId = s.clientId;
  }

  /** {@code caller}: the client id or the merchant whose token asks (see {@link TrackingAccess}). */
  Wire.Reply trackBatch(String api, String body, String caller) {
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
      String refusedMid = events.isEmpty() ? null : access.refusedMid(caller, clientId, parcel);
      if (refusedMid != null) {
        anyFailed = true;
        found.add(null);
        results.add(TrackingAccess.itemRefusal(api, requested, refusedMid));
      } else if (events.isEmpty()) {
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

  Wire.Reply trackOne(String api, String number, Map<String, List<String>> query, String caller) {
    String expand = first(query, "expand");
    if (expand != null && !expand.equals("DETAIL") && !expand.equals("SUMMARY")) {
      return Wire.badRequest(api, "160252", "Invalid expand", "expand must be SUMMARY or DETAIL.", "expand");
    }
    String n = normalise(java.net.URLDecoder.decode(number, StandardCharsets.UTF_8));
    Parcel parcel = parcels.get(n);
    List<Tracking.Event> events = parcel == null ? List.of() : Tracking.events(parcel, clock.instant());
    String refusedMid = events.isEmpty() ? null : access.refusedMid(caller, clientId, parcel);
    if (refusedMid != null) {
      return TrackingAccess.refusal(api, refusedMid);
    }
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

}
