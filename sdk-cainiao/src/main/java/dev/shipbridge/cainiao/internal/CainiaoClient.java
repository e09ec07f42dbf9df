package dev.shipbridge.cainiao.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs each capability as a fixed sequence of calls: mapper out, {@link CainiaoTransport}, mapper
 * in. Holds no state but a small memory of created orders by idempotency key, so that a label
 * call retried after its order was created resumes from the order instead of creating another.
 */
public final class CainiaoClient {
  private static final int REMEMBERED_ORDERS = 10_000;

  private final CainiaoConfig config;
  private final CainiaoTransport transport;
  private final Map<String, String> createdByKey = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > REMEMBERED_ORDERS;
        }
      });

  public CainiaoClient(CainiaoConfig config, CainiaoTransport transport) {
    this.config = config;
    this.transport = transport;
  }

  private CainiaoErrors.Call call(String api, boolean changesState, String key) {
    return new CainiaoErrors.Call(config.id(), api, changesState, key, transport.clock());
  }

  // ---------------------------------------------------------------- quote

  public List<Quote> quote(QuoteRequest request) {
    if (!QuoteMapper.serves(request)) return List.of();
    var answer = transport.iop(QuoteMapper.METHOD, QuoteMapper.toWire(request, config.locale()), RequestSafety.IDEMPOTENT, null);
    return QuoteMapper.fromWire(answer, request, call(QuoteMapper.METHOD, false, null));
  }

  // ---------------------------------------------------------------- label

  /**
   * One idempotency key is one order in this client: calls with one key run one at a time (a
   * concurrent second call waits for the first), and once an order was created under the key, any
   * later call with it resumes from that order (fetches its label) instead of creating another.
   * A failure after the order was created names it ({@link CarrierException#orderId()}) and is
   * outcome-unknown. Across processes nothing is remembered: reconcile by that order id.
   */
  public Label label(LabelRequest request) {
    LabelMapper.check(request);
    String key = request.idempotencyKey().value();
    // A ReentrantLock, not a monitor: the flow does I/O and must not pin a virtual thread.
    java.util.concurrent.locks.ReentrantLock lock = KEY_LOCKS[Math.floorMod(key.hashCode(), KEY_LOCKS.length)];
    lock.lock();
    try {
      String orderId = createdByKey.get(key);
      if (orderId == null) orderId = create(request, key);
      try {
        return labelOf(request, orderId, key);
      } catch (CarrierException e) {
        throw orderLeftBehind(e, orderId, key);
      } catch (RuntimeException e) {
        throw orderLeftBehind(CarrierException.details(config.id(), "fetching the label of the created order failed ("
            + e.getClass().getSimpleName() + ")").cause(e).build(), orderId, key);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Striped locks: calls with one key (and, rarely, keys sharing a stripe) run one at a time. */
  private final java.util.concurrent.locks.ReentrantLock[] KEY_LOCKS = java.util.stream.Stream
      .generate(java.util.concurrent.locks.ReentrantLock::new).limit(64).toArray(java.util.concurrent.locks.ReentrantLock[]::new);

  /** The failure of a label whose order exists: outcome unknown, naming the order. */
  private static CarrierException orderLeftBehind(CarrierException e, String orderId, String key) {
    if (e.orderId().isPresent()) return e;
    CarrierException.Details d = e.toDetails().orderId(orderId).idempotencyKey(key).outcomeUnknown(true).retryable(false);
    CarrierException out = e instanceof RateLimitedException rl ? new RateLimitedException(d, rl.retryAfter().orElse(null))
        : e instanceof dev.shipbridge.CarrierUnavailableException ? new dev.shipbridge.CarrierUnavailableException(d)
        : new CarrierException(d);
    out.setStackTrace(e.getStackTrace());
    return out;
  }

  private String create(LabelRequest request, String key) {
    CainiaoErrors.Call create = call(LabelMapper.CREATE, true, key);
    var answer = transport.iop(LabelMapper.CREATE, LabelMapper.toWire(request, config), RequestSafety.NON_IDEMPOTENT, key);
    LabelMapper.Created created = LabelMapper.fromCreate(answer, create);
    String orderId = created.logisticsOrderId();
    if (orderId == null) orderId = existingOrder(request, key);
    createdByKey.put(key, orderId);
    return orderId;
  }

  private Label labelOf(LabelRequest request, String orderId, String key) {
    LabelMapper.OnlineInfo info = onlineInfo(orderId, key);
    // Only a well-formed LP code becomes the label's number: anything else in the answer is damage.
    String lp = CainiaoNumbers.isLpCode(info.lpNumber()) ? info.lpNumber() : CainiaoNumbers.isLpCode(orderId) ? orderId : null;
    if (lp == null) {
      throw CarrierException.details(config.id(), "Cainiao created order " + orderId + " but gave no LP code")
          .idempotencyKey(key).build();
    }
    if (info.latestNumber() == null) {
      throw CarrierException.details(config.id(), "Cainiao created order " + lp
          + " but has not assigned its international number yet; call label again with the same idempotency key")
          .carrierCode("INTL_NUMBER_PENDING").idempotencyKey(key).retryable(true).build();
    }
    Map<String, String> print = Map.of("international_logistics_id", info.latestNumber());
    byte[] pdf = LabelMapper.fromPrintInfo(transport.iop(LabelMapper.PRINT, print, RequestSafety.IDEMPOTENT, key),
        call(LabelMapper.PRINT, false, key));
    try {
      return LabelMapper.toLabel(request, lp, info, pdf, call(LabelMapper.CREATE, false, key));
    } catch (ValidationException e) {
      // A value of Cainiao's answer the model refuses: Cainiao's fault, not the caller's.
      throw CarrierException.details(config.id(), "Cainiao created order " + lp
          + " but answered with values Shipbridge cannot represent; call label again with the same idempotency key")
          .idempotencyKey(key).build();
    }
  }

  /** Cainiao said the order exists without naming it: find it by the trade order id. */
  private String existingOrder(LabelRequest request, String key) {
    String trade = LabelMapper.tradeOrderId(request);
    if (trade != null) {
      List<LabelMapper.OnlineInfo> rows = LabelMapper.fromOnlineInfo(
          transport.iop(LabelMapper.ONLINE_INFO, Map.of("order_id", trade), RequestSafety.IDEMPOTENT, null),
          call(LabelMapper.ONLINE_INFO, false, key));
      for (LabelMapper.OnlineInfo r : rows) {
        if (r.lpNumber() != null) return r.lpNumber();
        if (r.logisticsOrderId() != null) return r.logisticsOrderId();
      }
    }
    throw CarrierException.details(config.id(), "Cainiao says this order already exists but it could not be found"
        + (trade == null ? " (give the AliExpress trade order id as the request's reference)" : " for trade order " + trade)
        + "; reconcile with the idempotency key before buying again").carrierCode("DUPLICATE_ORDER")
        .idempotencyKey(key).build();
  }

  private LabelMapper.OnlineInfo onlineInfo(String orderId, String key) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(CainiaoNumbers.isLpCode(orderId) ? "logistics_order_code" : "logistics_order_id", orderId);
    List<LabelMapper.OnlineInfo> rows = LabelMapper.fromOnlineInfo(
        transport.iop(LabelMapper.ONLINE_INFO, p, RequestSafety.IDEMPOTENT, key), call(LabelMapper.ONLINE_INFO, false, key));
    for (LabelMapper.OnlineInfo r : rows) {
      if (orderId.equals(r.lpNumber()) || orderId.equals(r.logisticsOrderId())) return r;
    }
    if (!rows.isEmpty()) return rows.get(0);
    throw CarrierException.details(config.id(), "Cainiao created order " + orderId
        + " but does not list it yet; call label again with the same idempotency key")
        .carrierCode("ORDER_PENDING").idempotencyKey(key).retryable(true).build();
  }

  // ---------------------------------------------------------------- track

  public Tracking track(String number) {
    if (config.hasIop()) {
      Tracking t;
      try {
        t = trackIop(number);
      } catch (NotFoundException e) {
        if (!config.publicTracking()) throw e;
        return publicOr(number, e);
      }
      if (t.events().isEmpty() && config.publicTracking()) {
        try {
          return trackPublic(number);
        } catch (NotFoundException | RateLimitedException e) {
          return t;
        }
      }
      return t;
    }
    if (config.hasLink()) return trackLink(number);
    if (config.publicTracking()) return trackPublic(number);
    throw ValidationException.of("carrier", "Cainiao tracking needs IOP or LINK credentials, or public tracking enabled");
  }

  private Tracking publicOr(String number, NotFoundException original) {
    try {
      return trackPublic(number);
    } catch (NotFoundException | RateLimitedException e) {
      throw original;
    }
  }

  Tracking trackIop(String number) {
    Map<String, String> p = new LinkedHashMap<>();
    boolean lp = CainiaoNumbers.isLpCode(number);
    p.put(lp ? "logistics_order_code" : "international_logistics_id", number);
    List<LabelMapper.OnlineInfo> rows;
    try {
      rows = LabelMapper.fromOnlineInfo(transport.iop(LabelMapper.ONLINE_INFO, p, RequestSafety.IDEMPOTENT, null),
          call(LabelMapper.ONLINE_INFO, false, null));
    } catch (dev.shipbridge.InvalidRequestException | NotFoundException e) {
      if (lp) throw e;
      rows = List.of(); // not one of this seller's orders: query the number directly
    }
    LabelMapper.OnlineInfo info = rows.isEmpty() ? null : rows.get(0);
    if (lp && info == null) {
      throw new NotFoundException(CarrierException.details(config.id(), "Cainiao has no logistics order " + number));
    }
    String logisticsNo = number;
    if (info != null) {
      String latest = info.latestNumber();
      String original = info.originalNumber();
      if (latest != null && CainiaoNumbers.INSTANCE.matches(latest)) logisticsNo = latest;
      else if (original != null) logisticsNo = original;
      else if (latest != null) logisticsNo = latest;
      else {
        Tracking none = TrackMapper.tracking(number, config.id(), List.of(), null, null, Map.of("source", "iop"));
        return new Tracking(number, config.id(), TrackingStatus.PRE_TRANSIT, List.of(), null, none.legs(), null,
            none.details());
      }
    }
    TrackMapper.Query q = new TrackMapper.Query(logisticsNo, info == null ? null : info.tradeOrderId(),
        info == null ? null : info.serviceName(), null);
    var answer = transport.iop(TrackMapper.METHOD, TrackMapper.toWire(q), RequestSafety.IDEMPOTENT, null);
    return TrackMapper.fromQueryTrackingResult(answer, number, info, call(TrackMapper.METHOD, false, null));
  }

  Tracking trackPublic(String number) {
    var root = transport.publicDetail(number);
    return TrackMapper.fromPublicDetail(root, number, call("global/detail.json", false, null));
  }

  Tracking trackLink(String number) {
    String content = QuoteMapper.json(new java.util.LinkedHashMap<>(Map.of("mailNo", number, "locale", config.locale())));
    var answer = transport.link(config.linkTrackingMsgType(), content, RequestSafety.IDEMPOTENT);
    return TrackMapper.fromLink(answer, number, call(config.linkTrackingMsgType(), false, null));
  }

  // ---------------------------------------------------------------- manifest

  public Manifest manifest(ManifestRequest request) {
    ManifestMapper.check(request, config);
    ManifestMapper.Draft draft = ManifestMapper.fromDraft(
        transport.iop(ManifestMapper.SAVE_DRAFT, ManifestMapper.draft(request, config), RequestSafety.NON_IDEMPOTENT, null),
        call(ManifestMapper.SAVE_DRAFT, true, null));
    ManifestMapper.Committed committed = ManifestMapper.fromCommit(
        transport.iop(ManifestMapper.COMMIT, ManifestMapper.commit(request, draft, config), RequestSafety.NON_IDEMPOTENT, null),
        draft, call(ManifestMapper.COMMIT, true, null));
    byte[] pdf = handoverDocument(committed.handoverContentId(), config.handoverDocumentType());
    return ManifestMapper.toManifest(config.id(), request, committed, pdf);
  }

  public byte[] handoverDocument(String handoverContentId, int type) {
    return ManifestMapper.fromPdf(
        transport.iop(ManifestMapper.PDF, ManifestMapper.pdf(handoverContentId, type, config), RequestSafety.IDEMPOTENT, null),
        call(ManifestMapper.PDF, false, null));
  }

  public boolean cancelHandover(String handoverContentId) {
    return ManifestMapper.fromCancel(
        transport.iop(ManifestMapper.CANCEL, ManifestMapper.cancel(handoverContentId, config), RequestSafety.IDEMPOTENT, null),
        call(ManifestMapper.CANCEL, false, null));
  }
}
