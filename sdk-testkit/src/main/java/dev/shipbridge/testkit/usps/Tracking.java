package dev.shipbridge.testkit.usps;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a parcel's tracking story unfolds with the emulator's clock, and its two wire shapes
 * (v3 GET {@code TrackingDetails} / {@code TrackingSummary}, v3r2 POST {@code TrackingDetail}).
 * Event codes, event types and status categories are those listed in usps-api.md 8.3/8.4.
 */
final class Tracking {
  private Tracking() {}

  record Step(double hours, String code, String type, String category, Where where) {}

  enum Where { ORIGIN, ORIGIN_FACILITY, NETWORK, DESTINATION_FACILITY, DESTINATION, GATEWAY, GATEWAY_FACILITY, ISC }

  record Event(Step step, Instant time, String city, String state, String zip, String country, ZoneId zone) {}

  static final Geo.Place GATEWAY = new Geo.Place("JAMAICA", "NY", "11430");

  private static final Step GX = new Step(0, "GX", "Shipping Label Created, USPS Awaiting Item", "Pre-Shipment", Where.ORIGIN);
  private static final Step DELIVERED_MAILBOX = new Step(66, "01", "Delivered, In/At Mailbox", "Delivered", Where.DESTINATION);

  static final List<Step> DOMESTIC = List.of(
      GX,
      new Step(6, "03", "USPS in possession of item", "Accepted", Where.ORIGIN),
      new Step(10, "10", "Arrived at USPS Regional Origin Facility", "In Transit", Where.ORIGIN_FACILITY),
      new Step(14, "T1", "Departed USPS Regional Facility", "In Transit", Where.ORIGIN_FACILITY),
      new Step(24, "TL", "In Transit to Next Facility", "In Transit", Where.NETWORK),
      new Step(40, "A1", "Arrived at USPS Regional Facility", "In Transit", Where.DESTINATION_FACILITY),
      new Step(50, "07", "Arrived at Post Office", "In Transit", Where.DESTINATION),
      new Step(60, "OF", "Out for Delivery", "Out for Delivery", Where.DESTINATION),
      DELIVERED_MAILBOX);

  static final List<Step> INTERNATIONAL = List.of(
      GX,
      new Step(6, "03", "USPS in possession of item", "Accepted", Where.ORIGIN),
      new Step(10, "10", "Arrived at USPS Regional Origin Facility", "In Transit", Where.ORIGIN_FACILITY),
      new Step(14, "T1", "Departed USPS Regional Facility", "In Transit", Where.ORIGIN_FACILITY),
      new Step(30, "A1", "Arrived at USPS Regional Facility", "In Transit", Where.ISC),
      new Step(48, "TL", "In Transit to Next Facility", "In Transit", Where.NETWORK),
      new Step(62, "07", "Arrived at Post Office", "In Transit", Where.DESTINATION),
      new Step(68, "OF", "Out for Delivery", "Out for Delivery", Where.DESTINATION),
      new Step(74, "01", "Delivered", "Delivered", Where.DESTINATION));

  /** A parcel handed to USPS at a US gateway (JFK) by a cross-border partner: no label-created event. */
  static final List<Step> INBOUND = List.of(
      new Step(0, "03", "USPS in possession of item", "Accepted", Where.GATEWAY),
      new Step(4, "10", "Arrived at USPS Regional Origin Facility", "In Transit", Where.GATEWAY_FACILITY),
      new Step(8, "T1", "Departed USPS Regional Facility", "In Transit", Where.GATEWAY_FACILITY),
      new Step(20, "TL", "In Transit to Next Facility", "In Transit", Where.NETWORK),
      new Step(34, "A1", "Arrived at USPS Regional Facility", "In Transit", Where.DESTINATION_FACILITY),
      new Step(44, "07", "Arrived at Post Office", "In Transit", Where.DESTINATION),
      new Step(52, "OF", "Out for Delivery", "Out for Delivery", Where.DESTINATION),
      new Step(58, "01", "Delivered, In/At Mailbox", "Delivered", Where.DESTINATION));

  /** Endings of the fixed test-environment stories (usps-api.md 8.6). */
  static List<Step> testStory(String ending) {
    List<Step> s = new ArrayList<>(DOMESTIC.subList(0, DOMESTIC.size() - 1));
    switch (ending) {
      case "PRE_SHIPMENT":
        return List.of(GX);
      case "DELIVERED_PORCH":
        s.add(new Step(66, "01", "Delivered, Front Door/Porch", "Delivered", Where.DESTINATION));
        return s;
      case "ATTEMPTED_NO_ACCESS":
        s.add(new Step(66, "30", "Delivery Attempted - No Access to Delivery Location", "Delivery Attempt",
            Where.DESTINATION));
        return s;
      case "AWAITING_DELIVERY":
        return DOMESTIC.subList(0, 7);
      default:
        s.add(DELIVERED_MAILBOX);
        return s;
    }
  }

  static List<Step> story(Parcel p) {
    switch (p.kind) {
      case INBOUND: return INBOUND;
      case INTERNATIONAL_LABEL: return INTERNATIONAL;
      case TEST_NUMBER: return testStory(p.testEnding);
      default: return DOMESTIC;
    }
  }

  /** Events that have happened by {@code now}, oldest first. A cancelled label never leaves pre-shipment. */
  static List<Event> events(Parcel p, Instant now) {
    List<Event> out = new ArrayList<>();
    for (Step step : story(p)) {
      Instant t = p.start.plus(Duration.ofMinutes(Math.round(step.hours() * 60)));
      if (t.isAfter(now)) {
        break;
      }
      if (p.canceledAt != null && !step.code().equals("GX") && !t.isBefore(p.canceledAt)) {
        break;
      }
      out.add(place(p, step, t));
    }
    return out;
  }

  /** When the story's last step happens (the expected delivery). */
  static Instant end(Parcel p) {
    List<Step> s = story(p);
    return p.start.plus(Duration.ofMinutes(Math.round(s.get(s.size() - 1).hours() * 60)));
  }

  private static Event place(Parcel p, Step step, Instant t) {
    Geo.Place o = p.kind == Parcel.Kind.INBOUND ? GATEWAY : p.origin;
    Geo.Place d = p.destination;
    boolean abroad = p.kind == Parcel.Kind.INTERNATIONAL_LABEL;
    switch (step.where()) {
      case ORIGIN:
      case GATEWAY:
        return new Event(step, t, o.city(), o.state(), o.zip(), null, Geo.zoneOf(o.zip()));
      case ORIGIN_FACILITY:
        return new Event(step, t, o.city() + " " + o.state() + " DISTRIBUTION CENTER", null, null, null,
            Geo.zoneOf(o.zip()));
      case GATEWAY_FACILITY:
        return new Event(step, t, "QUEENS NY DISTRIBUTION CENTER", null, null, null, Geo.zoneOf(o.zip()));
      case NETWORK:
        return new Event(step, t, null, null, null, null, Geo.zoneOf(o.zip()));
      case ISC:
        return new Event(step, t, "ISC NEW YORK NY(USPS)", null, null, null, ZoneId.of("America/New_York"));
      case DESTINATION_FACILITY:
        return new Event(step, t, d.city() + " " + d.state() + " DISTRIBUTION CENTER", null, null, null,
            Geo.zoneOf(d.zip()));
      default:
        if (abroad) {
          return new Event(step, t, d.city(), null, null, p.destinationCountry, ZoneOffset.UTC);
        }
        return new Event(step, t, d.city(), d.state(), d.zip(), null, Geo.zoneOf(d.zip()));
    }
  }

  // ------------------------------------------------------------------ wire shapes

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private static Json.Obj eventJson(Event e, boolean v3r2) {
    return eventJson(e, v3r2, false);
  }

  /**
   * {@code gmtOffByADay}: the event's {@code GMTTimestamp} is one day later than its {@code
   * eventTimestamp} + {@code GMTOffset}, as USPS sends for some events (issue 16): the local time is
   * the true one. The spec types both as plain strings and does not promise they agree.
   */
  private static Json.Obj eventJson(Event e, boolean v3r2, boolean gmtOffByADay) {
    ZonedDateTime local = e.time().atZone(e.zone());
    java.time.Instant gmt = gmtOffByADay ? e.time().plus(java.time.Duration.ofDays(1)) : e.time();
    String offset = local.getOffset().getId().equals("Z") ? "+00:00" : local.getOffset().getId();
    if (v3r2) {
      return Answers.of("tracking-event-v3r2", "eventType", e.step().type(), "eventTimestamp", LOCAL.format(local),
          "GMTTimestamp", GMT.format(gmt.atOffset(ZoneOffset.UTC)), "GMTOffset", offset, "eventCountry", e.country(),
          "eventCity", e.city(), "eventState", e.state(), "eventZIPCode", e.zip(), "eventCode", e.step().code());
    }
    Json.Obj o = Json.obj()
        .with("eventType", e.step().type())
        .with("eventTimestamp", LOCAL.format(local))
        .with("GMTTimestamp", GMT.format(gmt.atOffset(ZoneOffset.UTC)))
        .with("GMTOffset", offset)
        .with("eventCountry", e.country())
        .with("eventCity", e.city())
        .with("eventState", e.state())
        .with("eventZIP", e.zip());
    if (!v3r2 && e.step().category().equals("Delivered")) {
      o.with("authorizedAgent", Boolean.FALSE);
    }
    return o.with("eventCode", e.step().code());
  }

  static String summarySentence(Event e) {
    ZonedDateTime local = e.time().atZone(e.zone());
    String time = TIME.format(local).toLowerCase(Locale.US);
    String date = DATE.format(local);
    String where = e.city() == null ? "" : e.state() == null ? e.city()
        : e.city() + ", " + e.state() + (e.zip() == null ? "" : " " + e.zip());
    if (e.country() != null && e.city() != null) {
      where = e.city() + ", " + e.country();
    }
    switch (e.step().code()) {
      case "GX":
        return "A shipping label has been prepared for your item at " + time + " on " + date + " in " + where
            + ". This does not indicate receipt by the USPS or the actual mailing date.";
      case "03":
        return "USPS is now in possession of your item as of " + time + " on " + date + " in " + where + ".";
      case "10":
      case "A1":
        return "Your item arrived at our " + where + " facility on " + date + " at " + time
            + ". The item is currently in transit to the destination.";
      case "T1":
        return "Your item departed our " + where + " facility on " + date + " at " + time
            + ". The item is currently in transit to the destination.";
      case "TL":
        return "Your item is moving within the USPS network and is on track to be delivered by the expected delivery date.";
      case "07":
        return "Your item arrived at the Post Office at " + time + " on " + date + " in " + where + ".";
      case "OF":
        return "Your item is out for delivery on " + date + " at " + time + " in " + where + ".";
      case "30":
        return "We attempted to deliver your item at " + time + " on " + date + " in " + where
            + " but could not access the delivery location.";
      default:
        if (e.step().type().contains("Porch")) {
          return "Your item was delivered at the front door or porch at " + time + " on " + date + " in " + where + ".";
        }
        if (e.country() != null) {
          return "Your item was delivered at " + time + " on " + date + " in " + where + ".";
        }
        return "Your item was delivered in or at the mailbox at " + time + " on " + date + " in " + where + ".";
    }
  }

  /** v3r2 {@code TrackingDetail}. */
  static Json.Obj detailV3r2(Parcel p, List<Event> events) {
    Event last = events.get(events.size() - 1);
    List<Object> evs = eventsNewestFirst(events, true);
    boolean intl = p.kind == Parcel.Kind.INTERNATIONAL_LABEL;
    Geo.Place o = p.kind == Parcel.Kind.INBOUND ? GATEWAY : p.origin;
    boolean expecting = !"Delivered".equals(last.step().category()) && p.canceledAt == null;
    return Answers.of("tracking-v3r2",
        "trackingNumber", p.trackingNumber,
        "destinationCity", p.destination.city(),
        "destinationCountry", intl ? p.destinationCountry : "US",
        "destinationState", intl ? null : p.destination.state(),
        "destinationZIPCode", intl ? null : p.destination.zip(),
        "mailClass", p.product.trackingName(),
        "mailingDate", p.mailingDate == null ? null : p.mailingDate.toString(),
        "mailType", intl ? "INTERNATIONAL_OUTBOUND" : "DOMESTIC_MAIL",
        "originCity", o.city(),
        "originState", o.state(),
        "originZIPCode", o.zip(),
        "serviceTypeCode", p.product.serviceTypeCode(),
        "status", last.step().type(),
        "statusCategory", last.step().category(),
        "statusSummary", summarySentence(last),
        "uniqueTrackingID", uniqueId(p),
        "deliveryDateExpectation", expecting ? Json.obj().with("expectedDeliveryDate", expectedDate(p).toString()) : null,
        "proofOfDeliveryEnabled", "Delivered".equals(last.step().category()),
        "trackingEvents", evs);
  }

  /**
   * The events as JSON, newest first. The oldest event of a parcel with more than one event carries
   * a {@code GMTTimestamp} a day off its local time (see {@link #eventJson(Event, boolean, boolean)}).
   */
  private static List<Object> eventsNewestFirst(List<Event> events, boolean v3r2) {
    List<Event> newestFirst = new ArrayList<>(events);
    Collections.reverse(newestFirst);
    List<Object> evs = new ArrayList<>();
    for (int i = 0; i < newestFirst.size(); i++) {
      evs.add(eventJson(newestFirst.get(i), v3r2, newestFirst.size() > 1 && i == newestFirst.size() - 1));
    }
    return evs;
  }

  /** v3 {@code TrackingDetails} ({@code expand=DETAIL}). */
  static Json.Obj detailV3(Parcel p, List<Event> events) {
    Event last = events.get(events.size() - 1);
    List<Object> evs = eventsNewestFirst(events, false);
    boolean intl = p.kind == Parcel.Kind.INTERNATIONAL_LABEL;
    Geo.Place o = p.kind == Parcel.Kind.INBOUND ? GATEWAY : p.origin;
    String v3Class = V3_CLASSES.get(p.product.mailClass());
    Json.Obj d = Json.obj()
        .with("trackingNumber", p.trackingNumber)
        .with("mailClass", v3Class)
        .with("destinationCity", p.destination.city())
        .with("destinationCountryCode", intl ? p.destinationCountry : "US")
        .with("destinationState", intl ? null : p.destination.state())
        .with("destinationZIP", intl ? null : p.destination.zip())
        .with("emailEnabled", Boolean.TRUE)
        .with("itemShape", "PARCEL")
        .with("kahalaIndicator", Boolean.FALSE)
        .with("mailType", intl ? "INTERNATIONAL_OUTBOUND" : "DOMESTIC_MAIL")
        .with("uniqueTrackingId", uniqueId(p))
        .with("uniqueMailPieceId", Long.toString(Math.floorMod((long) p.trackingNumber.hashCode(), 1_000_000_000L)))
        .with("originCity", o.city())
        .with("originCountry", "US")
        .with("originState", o.state())
        .with("originZIP", o.zip())
        .with("proofOfDeliveryEnabled", "Delivered".equals(last.step().category()))
        .with("redeliveryEnabled", Boolean.FALSE)
        .with("restoreEnabled", Boolean.FALSE)
        .with("RRAMenabled", Boolean.FALSE)
        .with("RREEnabled", Boolean.FALSE)
        .with("services", List.of("USPS Tracking<SUP>&#174;</SUP>"))
        .with("serviceTypeCode", p.product.serviceTypeCode())
        .with("status", last.step().type())
        .with("statusCategory", last.step().category())
        .with("statusSummary", summarySentence(last))
        .with("tableCode", "T")
        .with("trackingProofOfDeliveryEnabled", Boolean.FALSE);
    if (!"Delivered".equals(last.step().category()) && p.canceledAt == null) {
      d.with("expectedDeliveryTimeStamp", GMT.format(end(p).atOffset(ZoneOffset.UTC)));
    }
    if (events.size() > 1 || !"GX".equals(events.get(0).step().code())) {
      Event intake = events.stream().filter(e -> !e.step().code().equals("GX")).findFirst().orElse(last);
      d.with("mailPieceIntakeDate", GMT.format(intake.time().atOffset(ZoneOffset.UTC)));
    }
    d.with("trackingEvents", evs);
    return d;
  }

  /** v3 {@code TrackingSummary} ({@code expand=SUMMARY}, the default). */
  static Json.Obj summaryV3(Parcel p, List<Event> events) {
    List<Object> lines = new ArrayList<>();
    for (int k = events.size() - 1; k >= 0; k--) {
      lines.add(summarySentence(events.get(k)));
    }
    Event last = events.get(events.size() - 1);
    Json.Obj o = Json.obj().with("trackingNumber", p.trackingNumber);
    if (!"Delivered".equals(last.step().category()) && p.canceledAt == null) {
      o.with("expectedDeliveryDate", expectedDate(p).toString());
    }
    return o.with("eventSummaries", lines);
  }

  private static LocalDate expectedDate(Parcel p) {
    ZoneId z = p.kind == Parcel.Kind.INTERNATIONAL_LABEL ? ZoneOffset.UTC : Geo.zoneOf(p.destination.zip());
    return end(p).atZone(z).toLocalDate();
  }

  private static String uniqueId(Parcel p) {
    return "UT" + Integer.toHexString(p.trackingNumber.hashCode()).toUpperCase(Locale.ROOT);
  }

  private static final Map<String, String> V3_CLASSES = Map.of(
      "PRIORITY_MAIL", "PRIORITY_MAIL",
      "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL_EXPRESS",
      "PARCEL_SELECT", "PARCEL_SELECT",
      "MEDIA_MAIL", "MEDIA_MAIL",
      "LIBRARY_MAIL", "LIBRARY_MAIL",
      "BOUND_PRINTED_MATTER", "BOUND_PRINTED_MATTER",
      "FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE", "FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE",
      "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_INTERNATIONAL_PARCELS",
      "PRIORITY_MAIL_EXPRESS_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL");
}
