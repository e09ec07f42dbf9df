package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/** The Domestic and International Labels APIs: purchase (idempotent per CRID and key) and cancel. */
final class LabelsApi {
  record Label(Parcel parcel, Map<String, Object> request, String crid, String idempotencyKey,
      Json.Obj metadata, String imageType, String labelType, boolean separateReceipt, String title,
      List<String> lines, boolean international) {}

  private final Clock clock;
  private final Map<String, Label> labels;
  private final Map<String, Label> byIdempotencyKey;
  private final Map<String, Parcel> parcels;
  private final AtomicLong disputes;
  private final AtomicInteger purchased;
  private final ReentrantLock labelLock;

  private final PaymentsApi payments;
  private final DomesticLabels domestic;
  private final InternationalLabels international;

  LabelsApi(UspsService s, PaymentsApi payments) {
    this.payments = payments;
    this.domestic = new DomesticLabels(s);
    this.international = new InternationalLabels(s);
    this.clock = s.clock;
    this.labels = s.labels;
    this.byIdempotencyKey = s.byIdempotencyKey;
    this.parcels = s.parcels;
    this.disputes = s.disputes;
    this.purchased = s.purchased;
    this.labelLock = s.labelLock;
  }

  Wire.Reply createLabel(String api, TreeMap<String, String> headers, String body, boolean intl) {
    PaymentsApi.PaymentToken pt;
    try {
      pt = payments.checkPaymentToken(api, headers);
    } catch (PaymentsApi.Unauthorized u) {
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
    labelLock.lock();
    try {
      if (key != null) {
        Label existing = byIdempotencyKey.get(pt.crid() + "|" + key);
        if (existing != null) {
          if (!existing.request().equals(req)) {
            return Wire.badRequest(api, "160252", "Idempotency key reused",
                "The X-Idempotency-Key has already been used with a different request payload.",
                "Header: X-Idempotency-Key");
          }
          return LabelImages.render(existing, accept);
        }
      }
      Label label = intl ? international.build(req, pt, key) : domestic.build(req, pt, key);
      labels.put(label.parcel().trackingNumber, label);
      parcels.put(label.parcel().trackingNumber, label.parcel());
      if (key != null) {
        byIdempotencyKey.put(pt.crid() + "|" + key, label);
      }
      purchased.incrementAndGet();
      return LabelImages.render(label, accept);
    } finally {
      labelLock.unlock();
    }
  }
  Wire.Reply cancel(String api, TreeMap<String, String> headers, String number, boolean intl) {
    try {
      payments.checkPaymentToken(api, headers);
    } catch (PaymentsApi.Unauthorized u) {
      return u.reply;
    }
    String n = normalise(number);
    Label label = labels.get(n);
    if (label == null || label.international() != intl) {
      return Wire.badRequest(api, "160185", "Order not found", "Order not found", "trackingNumber");
    }
    Parcel parcel = label.parcel();
    labelLock.lock();
    try {
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
      String status = "CANCELED";
      String disputeId = null;
      if (accepted || !now.isBefore(manifested)) {
        status = "DISPUTED";
        disputeId = Long.toString(disputes.incrementAndGet());
        if (!accepted) {
          parcel.canceledAt = now;
        }
      } else {
        parcel.canceledAt = now;
      }
      Json.Obj out = Answers.of("cancel", "trackingNumber", n, "status", status, "disputeId", disputeId);
      Wire.Reply r = Wire.json(200, out);
      if (label.idempotencyKey() != null) {
        r = Wire.withHeader(r, "X-Idempotency-Key", label.idempotencyKey());
      }
      return r;
    } finally {
      labelLock.unlock();
    }
  }
}
