package dev.shipbridge.testkit.cainiao;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The emulator's thread-safe state: orders, their numbers, big-bag handovers. Internal. */
public final class Store {
  /** A big-bag handover (draft, then committed). */
  public static final class Handover {
    public final long handoverOrderId;
    public final long handoverContentId;
    public volatile String handoverContentCode;
    public volatile List<String> orderCodes;
    public volatile boolean cancelled;

    Handover(long handoverOrderId, long handoverContentId, List<String> orderCodes) {
      this.handoverOrderId = handoverOrderId;
      this.handoverContentId = handoverContentId;
      this.orderCodes = List.copyOf(orderCodes);
    }
  }

  private final Map<String, Order> byReference = new ConcurrentHashMap<>();
  private final Map<String, Order> byNumber = new ConcurrentHashMap<>();
  private final Map<Long, Handover> handoversByOrderId = new ConcurrentHashMap<>();
  private final Map<Long, Handover> handoversByContentId = new ConcurrentHashMap<>();
  private final PriorityBlockingQueue<Order> pendingHandoffs =
      new PriorityBlockingQueue<>(64, Comparator.comparing(Order::handoffAt));
  private final AtomicLong sequence = new AtomicLong();
  /** Whether orders created from now on mirror the last-mile events ({@link Timeline#MIRRORED}). */
  public volatile boolean mirrorLastMile;
  private final long base = ThreadLocalRandom.current().nextLong(1_000_000L, 9_000_000L);

  /** Returns the order for {@code reference}, creating it once; never two orders per reference. */
  public Order createOrder(String reference, String tradeOrderId, String solutionCode, String destCountry, Instant now) {
    return createOrder(reference, tradeOrderId, solutionCode, destCountry, now, null, null, null);
  }

  /** As above, remembering the receiver's city, region and postal code for the last-mile handoff. */
  public Order createOrder(String reference, String tradeOrderId, String solutionCode, String destCountry, Instant now,
      String destCity, String destRegion, String destZip) {
    return byReference.computeIfAbsent(reference, r -> {
      long seq = sequence.incrementAndGet();
      long id = 5_000_000_000_000L + base * 1000 + seq;
      Order order = new Order(
          id,
          String.format("LP00%012d", (base * 100_000L + seq) % 1_000_000_000_000L),
          Numbers.s10("LX", (base * 10 + seq) % 100_000_000L, "CN"),
          Numbers.impb(base * 10_000_000L + seq),
          r, tradeOrderId, solutionCode, destCountry, now, destCity, destRegion, destZip);
      order.mirrorsLastMile = mirrorLastMile;
      byNumber.put(Long.toString(order.logisticsOrderId), order);
      byNumber.put(order.lpNumber, order);
      byNumber.put(order.s10, order);
      byNumber.put(order.impb, order);
      pendingHandoffs.add(order);
      return order;
    });
  }

  /** Finds an order by logistics order id, LP code, S10 number or (after handoff) USPS number. */
  public Order find(String number) {
    return number == null ? null : byNumber.get(number.trim());
  }

  public Order findByTradeOrderId(String tradeOrderId) {
    for (Order o : byReference.values()) {
      if (tradeOrderId.equals(o.tradeOrderId)) {
        return o;
      }
    }
    return null;
  }

  public List<Order> orders() {
    List<Order> all = new ArrayList<>(byReference.values());
    all.sort(Comparator.comparingLong(o -> o.logisticsOrderId));
    return all;
  }

  public int ordersCreated() {
    return byReference.size();
  }

  /** Calls {@code listener} once per order whose handoff instant is at or before {@code now}. */
  public void notifyHandoffs(Instant now, Consumer<Order> listener) {
    Order next;
    while ((next = pendingHandoffs.peek()) != null && next.handedOff(now)) {
      Order o = pendingHandoffs.poll();
      if (o == null) {
        return;
      }
      if (!o.handedOff(now)) {
        pendingHandoffs.add(o); // another thread took the due one first
        return;
      }
      if (o.handoffNotified.compareAndSet(false, true) && listener != null) {
        try {
          listener.accept(o);
        } catch (RuntimeException e) {
          // The listener belongs to the caller; a failure there must not break the gateway.
        }
      }
    }
  }

  public Handover saveDraft(List<String> orderCodes) {
    long seq = sequence.incrementAndGet();
    Handover h = new Handover(7_000_000_000L + base * 100 + seq, 8_000_000_000L + base * 100 + seq, orderCodes);
    handoversByOrderId.put(h.handoverOrderId, h);
    handoversByContentId.put(h.handoverContentId, h);
    return h;
  }

  public Handover handoverByOrderId(long id) {
    return handoversByOrderId.get(id);
  }

  public Handover handoverByContentId(long id) {
    return handoversByContentId.get(id);
  }

  public Handover handoverByContentCode(String code) {
    for (Handover h : handoversByOrderId.values()) {
      if (code.equals(h.handoverContentCode)) {
        return h;
      }
    }
    return null;
  }

  /** A fresh big-bag LP code. */
  public String newBigBagCode() {
    return String.format("LP00%012d", (base * 100_000L + sequence.incrementAndGet()) % 1_000_000_000_000L);
  }

  public void clear() {
    mirrorLastMile = false;
    byReference.clear();
    byNumber.clear();
    pendingHandoffs.clear();
    handoversByOrderId.clear();
    handoversByContentId.clear();
  }
}
