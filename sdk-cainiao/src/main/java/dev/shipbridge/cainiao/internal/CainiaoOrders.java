package dev.shipbridge.cainiao.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.CarrierMemory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The label calls of one bound carrier: create the order, read its numbers, fetch its PDF. Orders
 * created are remembered by account and idempotency key in the root's {@link CarrierMemory}, so a
 * retried label call resumes from its order instead of creating another.
 */
public final class CainiaoOrders {
  private static final int REMEMBERED_ORDERS = 100_000;

  /** The orders of every account of one root and carrier id, and the locks of their keys. */
  static final class Memory {
    /** Striped locks, for all accounts: calls with one key (and, rarely, keys sharing a stripe) run one at a time. */
    final ReentrantLock[] keyLocks = Stream.generate(ReentrantLock::new).limit(1024).toArray(ReentrantLock[]::new);
    final Map<String, String> createdByKey = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > REMEMBERED_ORDERS;
      }
    });
  }

  private final CainiaoConfig config;
  private final ReentrantLock[] keyLocks;
  private final Map<String, String> createdByKey;
  /** The account the carrier is bound for. */
  private final Optional<AccountId> account;
  /** The bound account's prefix of remembered keys: empty for the builder's own carrier. */
  private final String prefix;

  /** The orders of {@code context}'s account, remembered in its root's memory. */
  public CainiaoOrders(CainiaoConfig config, CarrierContext context) {
    this.config = config;
    Memory memory = context.memory().entry("cainiao.orders:" + config.id().value(), Memory.class, Memory::new);
    this.keyLocks = memory.keyLocks;
    this.createdByKey = memory.createdByKey;
    this.account = context.account();
    this.prefix = account.map(a -> a.value() + "\n").orElse("");
  }

  /** The account the carrier is bound for; a request naming another is refused by {@code check}. */
  public Optional<AccountId> account() {
    return account;
  }

  /**
   * One idempotency key is one order: calls with one key run one at a time, and a later call
   * resumes from the order created under it. A failure after the order was created names it ({@link
   * CarrierException#orderId()}) and is outcome-unknown; across processes, reconcile by that id.
   */
  public Label label(LabelRequest request, CainiaoTransport transport) {
    String key = request.idempotencyKey().value();
    String remembered = prefix + key;
    // A ReentrantLock, not a monitor: the flow does I/O and must not pin a virtual thread.
    ReentrantLock lock = keyLocks[Math.floorMod(remembered.hashCode(), keyLocks.length)];
    lock.lock();
    try {
      String orderId = createdByKey.get(remembered);
      if (orderId == null) orderId = create(transport, request, key);
      try {
        return labelOf(transport, request, orderId, key);
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

  /** The failure of a label whose order exists: outcome unknown, naming the order. */
  private static CarrierException orderLeftBehind(CarrierException e, String orderId, String key) {
    if (e.orderId().isPresent()) return e;
    CarrierException.Details d = e.toDetails().orderId(orderId).idempotencyKey(key).outcomeUnknown(true).retryable(false);
    CarrierException out = e instanceof RateLimitedException rl ? new RateLimitedException(d, rl.retryAfter().orElse(null))
        : e instanceof CarrierUnavailableException ? new CarrierUnavailableException(d) : new CarrierException(d);
    out.setStackTrace(e.getStackTrace());
    return out;
  }

  private String create(CainiaoTransport transport, LabelRequest request, String key) {
    var answer = transport.iop(LabelMapper.CREATE, LabelMapper.toWire(request, config), CainiaoWire.Created.class,
        RequestSafety.NON_IDEMPOTENT, key);
    String orderId = LabelMapper.fromCreate(answer, transport.call(LabelMapper.CREATE, true, key)).logisticsOrderId();
    if (orderId == null) orderId = existingOrder(transport, request, key);
    createdByKey.put(prefix + key, orderId);
    return orderId;
  }

  private Label labelOf(CainiaoTransport transport, LabelRequest request, String orderId, String key) {
    LabelMapper.OnlineInfo info = onlineInfo(transport, orderId, key);
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
    byte[] pdf = LabelMapper.fromPrintInfo(transport.iop(LabelMapper.PRINT, new LabelMapper.PrintForm(info.latestNumber()),
        CainiaoWire.PrintInfo.class, RequestSafety.IDEMPOTENT, key), transport.call(LabelMapper.PRINT, false, key));
    try {
      return LabelMapper.toLabel(request, lp, info, pdf, transport.call(LabelMapper.CREATE, false, key));
    } catch (ValidationException e) {
      // A value of Cainiao's answer the model refuses: Cainiao's fault, not the caller's.
      throw CarrierException.details(config.id(), "Cainiao created order " + lp
          + " but answered with values Shipbridge cannot represent; call label again with the same idempotency key")
          .idempotencyKey(key).build();
    }
  }

  /** Cainiao said the order exists without naming it: find it by the trade order id. */
  private String existingOrder(CainiaoTransport transport, LabelRequest request, String key) {
    String trade = LabelMapper.tradeOrderId(request);
    if (trade != null) {
      for (LabelMapper.OnlineInfo r : rows(transport, new LabelMapper.InfoForm(null, null, trade, null), null, key)) {
        if (r.lpNumber() != null) return r.lpNumber();
        if (r.logisticsOrderId() != null) return r.logisticsOrderId();
      }
    }
    throw CarrierException.details(config.id(), "Cainiao says this order already exists but it could not be found"
        + (trade == null ? " (give the AliExpress trade order id as the request's reference)" : " for trade order " + trade)
        + "; reconcile with the idempotency key before buying again").carrierCode("DUPLICATE_ORDER")
        .idempotencyKey(key).build();
  }

  private LabelMapper.OnlineInfo onlineInfo(CainiaoTransport transport, String orderId, String key) {
    List<LabelMapper.OnlineInfo> rows = rows(transport, LabelMapper.InfoForm.ofOrder(orderId), key, key);
    for (LabelMapper.OnlineInfo r : rows) {
      if (orderId.equals(r.lpNumber()) || orderId.equals(r.logisticsOrderId())) return r;
    }
    if (!rows.isEmpty()) return rows.get(0);
    throw CarrierException.details(config.id(), "Cainiao created order " + orderId
        + " but does not list it yet; call label again with the same idempotency key")
        .carrierCode("ORDER_PENDING").idempotencyKey(key).retryable(true).build();
  }

  private static List<LabelMapper.OnlineInfo> rows(CainiaoTransport transport, LabelMapper.InfoForm form, String sentKey,
      String key) {
    return LabelMapper.fromOnlineInfo(transport.iop(LabelMapper.ONLINE_INFO, form, CainiaoWire.OnlineInfoAnswer.class,
        RequestSafety.IDEMPOTENT, sentKey), transport.call(LabelMapper.ONLINE_INFO, false, key));
  }
}
