package dev.shipbridge.testkit.cainiao;

import static dev.shipbridge.testkit.cainiao.Wire.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tracking: the IOP {@code querytrackingresult} API and the public tracking JSON page. */
final class TrackingApis {
  private final Clock clock;
  private final Store store;

  TrackingApis(Clock clock, Store store) {
    this.clock = clock;
    this.store = store;
  }

  Map<String, Object> trackingResult(Map<String, String> params) {
    String number = params.get("logistics_no");
    Map<String, Object> body = new LinkedHashMap<>();
    if (isBlank(number)) {
      body.put("result_success", false);
      body.put("error_desc", missing("logistics_no"));
      return body;
    }
    Order o = store.find(number);
    if (o == null) {
      body.put("result_success", false);
      body.put("error_desc", "No tracking information found for " + number);
      return body;
    }
    Instant now = clock.instant();
    List<Object> details = new ArrayList<>();
    List<Order.Event> events = o.events(now);
    for (int i = events.size() - 1; i >= 0; i--) {
      Order.Event e = events.get(i);
      details.add(Answers.of("tracking-result-event",
          "eventDate", Gateway.TOP_TIME.format(e.at().atZone(Gateway.CHINA)), "eventDescription", eventText(o, e),
          "address", e.step().address(), "actionCode", e.step().actionCode()));
    }
    return Answers.of("tracking-result", "details", details);
  }

  static String eventText(Order o, Order.Event e) {
    String text = "[" + e.step().address() + "] " + e.step().description();
    if (Timeline.HANDOFF_CODE.equals(e.step().actionCode())) {
      text += ", tracking number " + o.impb;
    }
    return text;
  }
  Map<String, Object> publicModule(String number, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mailNo", number);
    Order o = store.find(number);
    if (o == null) {
      m.put("mailNoSource", "EXTERNAL");
      m.put("detailList", List.of());
      return m;
    }
    List<Order.Event> events = o.events(now);
    List<Object> detail = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      detail.add(publicEvent(o, events.get(i)));
    }
    String code = events.get(events.size() - 1).step().actionCode();
    String status = o.handedOff(now) ? "DELIVERING" : code.startsWith("CC_HO") || code.startsWith("CC_IM")
        ? "CLEAR_CUSTOMS" : "TRANSITING";
    m.put("mailNoSource", "AE");
    m.put("originCountry", "Mainland China");
    m.put("destCountry", "US".equals(o.destCountry) ? "USA" : o.destCountry);
    m.put("status", status);
    m.put("statusDesc", "DELIVERING".equals(status) ? "Out for delivery"
        : "CLEAR_CUSTOMS".equals(status) ? "At customs" : "In transit");
    if (o.handedOff(now)) {
      m.put("realMailNo", "Latest Tracking Number:\t" + o.impb);
      m.put("copyRealMailNo", o.impb);
      Map<String, Object> cp = new LinkedHashMap<>();
      cp.put("cpName", "USPS");
      cp.put("cpCode", "USPS");
      cp.put("url", "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + o.impb);
      m.put("destCpInfo", cp);
    }
    m.put("latestTrace", detail.get(0));
    m.put("detailList", detail);
    long days = Duration.between(o.createdAt, now).toDays();
    m.put("daysNumber", days + "\tday(s)");
    return m;
  }

  static Map<String, Object> publicEvent(Order o, Order.Event e) {
    // as the real page: timeStr is Beijing wall time but the zone label may say anything; time (epoch ms) is the instant
    return Answers.of("public-tracking-event", "epochMillis", e.at().toEpochMilli(),
        "beijingTime", Gateway.TOP_TIME.format(e.at().atZone(Gateway.CHINA)), "description", eventText(o, e),
        "standardDescription", e.step().description(), "actionCode", e.step().actionCode());
  }

  // ---------------------------------------------------------------- faults
}
