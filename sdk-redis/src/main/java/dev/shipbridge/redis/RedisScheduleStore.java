package dev.shipbridge.redis;

import dev.shipbridge.tracking.Claimed;
import dev.shipbridge.tracking.ParcelState;
import dev.shipbridge.tracking.PushedEvents;
import dev.shipbridge.tracking.ScheduleCodec;
import dev.shipbridge.tracking.ScheduleStore;
import dev.shipbridge.tracking.TrackingChanged;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ScheduleStore} on Redis, for a fleet of {@code TrackingScheduler} instances: a due-time
 * sorted set per carrier account, every parcel's state in one hash (about 60 bytes plus 6 per event
 * seen), pushed events in a list per parcel, and leases taken, checked and released by Lua scripts,
 * so no two instances poll one parcel at once and a dead instance's parcels are claimed again when
 * its leases expire. Redis is the only coordinator: no consensus of our own. Claiming and writing
 * back a batch costs two script calls, whatever its size: one claims it, one ({@link #completeAll})
 * writes it back (a pass also takes call slots and acknowledges delivered changes).
 *
 * <p>Run Redis with persistence (AOF, {@code appendfsync everysec} or {@code always}): a Redis
 * restarted empty forgets every watch. After a restart that lost the last second, changes already
 * delivered may be delivered again (same ids: the consumer drops them), never lost. All keys
 * share one hash tag, so a Redis Cluster keeps them on one node.
 *
 * <pre>{@code
 * try (RedisScheduleStore store = RedisScheduleStore.connect("redis://redis.internal:6379")) {
 *   TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(shipbridge)
 *       .store(store).instanceId(hostName).listener(toKafka).build();
 *   scheduler.start();
 * }
 * }</pre>
 */
public final class RedisScheduleStore implements ScheduleStore {
  /** The default key prefix. */
  public static final String DEFAULT_PREFIX = "shipbridge:{tracking}:";

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final String prefix;
  /** Each script's text, the shared functions first; Redis caches what it compiles from it. */
  private final Map<String, String> scripts = new ConcurrentHashMap<>();

  private RedisScheduleStore(RedisURI uri, String prefix, Duration commandTimeout) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder().autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build()).build());
    this.connection = client.connect();
  }

  /** Connects to {@code redis://host:port[/db]} with the default prefix and a 2-second command timeout. */
  public static RedisScheduleStore connect(String uri) {
    return connect(RedisURI.create(uri), DEFAULT_PREFIX, Duration.ofSeconds(2));
  }

  /** Connects with a key prefix of your own (several schedules on one Redis) and a command timeout. */
  public static RedisScheduleStore connect(RedisURI uri, String prefix, Duration commandTimeout) {
    return new RedisScheduleStore(uri, prefix, commandTimeout);
  }

  private RedisCommands<String, String> redis() {
    return connection.sync();
  }

  private Object run(String script, String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = prefix;
    System.arraycopy(args, 0, argv, 1, args.length);
    ScriptOutputType type = script.startsWith("claim") || script.endsWith("All") ? ScriptOutputType.MULTI : ScriptOutputType.INTEGER;
    String text = scripts.computeIfAbsent(script, n -> load("common") + "\n" + load(n));
    return redis().eval(text, type, new String[0], argv);
  }

  private static String load(String name) {
    try (InputStream in = RedisScheduleStore.class.getResourceAsStream("tracking/" + name + ".lua")) {
      if (in == null) throw new IllegalStateException("missing script " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ms(Instant t) {
    return t == null ? "" : Long.toString(t.toEpochMilli());
  }

  @Override
  public boolean add(ParcelState state) {
    return ((Long) run("add", state.number(), ScheduleCodec.encodeState(state), state.group(), ms(state.nextDueAt()))) == 1L;
  }

  @Override
  public Optional<ParcelState> get(String number) {
    String line = redis().hget(prefix + "s", number);
    return line == null ? Optional.empty() : Optional.of(ScheduleCodec.decodeState(number, line));
  }

  @Override
  public boolean remove(String number) {
    return ((Long) run("remove", number)) == 1L;
  }

  @Override
  public List<Claimed> claimDue(String group, Instant now, int max, Duration lease, String owner) {
    return claims(run("claimDue", group, ms(now), Integer.toString(max), ms(now.plus(lease)), owner), now.plus(lease));
  }

  @Override
  public List<Claimed> claimPushed(String group, Instant now, int max, Duration lease, String owner) {
    return claims(run("claimPushed", group, ms(now), Integer.toString(max), ms(now.plus(lease)), owner), now.plus(lease));
  }

  private static List<Claimed> claims(Object raw, Instant until) {
    List<?> flat = (List<?>) raw;
    List<Claimed> out = new ArrayList<>();
    for (int i = 0; i < flat.size(); ) {
      String n = (String) flat.get(i++);
      String state = (String) flat.get(i++);
      String token = (String) flat.get(i++);
      String outbox = (String) flat.get(i++);
      int k = Integer.parseInt((String) flat.get(i++));
      List<PushedEvents> inbox = new ArrayList<>(k);
      for (int j = 0; j < k; j++) inbox.add(ScheduleCodec.decodePushed((String) flat.get(i++)));
      if (state.isEmpty()) continue;
      out.add(new Claimed(ScheduleCodec.decodeState(n, state), token, until, inbox,
          outbox.isEmpty() ? List.of() : ScheduleCodec.decodeChanges(outbox)));
    }
    return out;
  }

  @Override
  public boolean push(String number, PushedEvents events) {
    return ((Long) run("push", number, ScheduleCodec.encodePushed(events), ms(events.receivedAt()))) == 1L;
  }

  @Override
  public boolean complete(Claimed claim, ParcelState updated, int inboxApplied, List<TrackingChanged> outbox) {
    return completeAll(List.of(new Completion(claim, updated, inboxApplied, outbox))).get(0);
  }

  /** One script call for the whole batch (a pass completes up to a call's worth of parcels at once). */
  @Override
  public List<Boolean> completeAll(List<Completion> completions) {
    if (completions.isEmpty()) return List.of();
    List<String> args = new ArrayList<>();
    for (Completion c : completions) { // completeAll.lua's arguments; the lease's end is also "now" for the push index
      ParcelState u = c.updated();
      Collections.addAll(args, u.number(), c.claim().token(), ScheduleCodec.encodeState(u),
          Integer.toString(c.inboxApplied()), c.outbox().isEmpty() ? "" : ScheduleCodec.encodeChanges(c.outbox()),
          ms(c.claim().leaseUntil()), ms(c.claim().leaseUntil()), u.group(), ms(u.nextDueAt()));
    }
    List<?> raw = (List<?>) run("completeAll", args.toArray(String[]::new));
    List<Boolean> out = new ArrayList<>(raw.size());
    for (Object o : raw) out.add(((Long) o) == 1L);
    return out;
  }

  @Override
  public boolean acknowledge(Claimed claim) {
    return ((Long) run("acknowledge", claim.state().number(), claim.token(), ms(claim.leaseUntil()))) == 1L;
  }

  @Override
  public boolean tryAcquireCallSlot(String group, Instant now, Duration spacing) {
    return ((Long) run("slot", group, ms(now), Long.toString(ceilMillis(spacing)), "0")) == 1L;
  }

  @Override
  public Instant nextCallSlot(String group) {
    String v = redis().get(prefix + "slot:" + group);
    return v == null ? Instant.MIN : Instant.ofEpochMilli(Long.parseLong(v));
  }

  @Override
  public void debitCallSlots(String group, Instant now, Duration spacing, int calls) {
    if (calls > 0) run("slot", group, ms(now), Long.toString(ceilMillis(spacing)), Integer.toString(calls));
  }

  private static long ceilMillis(Duration d) {
    long ms = d.toMillis();
    return d.minusMillis(ms).isZero() ? ms : ms + 1;
  }

  @Override
  public long watchedCount() {
    return (Long) run("count");
  }

  @Override
  public long dueCount(Instant now) {
    return (Long) run("count", ms(now));
  }

  /** Bytes Redis uses for this store's keys ({@code MEMORY USAGE} of each, sampled 5 levels deep). */
  public long memoryUsage() {
    long total = 0;
    for (String key : redis().keys(prefix + "*")) {
      Long m = redis().memoryUsage(key);
      if (m != null) total += m;
    }
    return total;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Override
  public String toString() {
    return "RedisScheduleStore[prefix=" + prefix + "]";
  }
}
