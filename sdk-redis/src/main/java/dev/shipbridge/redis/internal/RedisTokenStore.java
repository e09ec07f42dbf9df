package dev.shipbridge.redis.internal;

import static dev.shipbridge.redis.internal.RedisLink.bytes;

import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.spi.support.InMemoryTokenStore;
import dev.shipbridge.spi.TokenStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Tokens shared by a fleet: {@code <prefix>token:<sha-256(key)>} holds {@code <expiresAt epoch
 * ms>:<value>} with a time to live of the token's remaining lifetime. {@link #getOrFetch} is
 * single-flight in the JVM (a lock per key) and across the fleet (a Redis lock, {@code SET NX PX},
 * released only by its holder): one token request per expiry.
 *
 * <p>When Redis is unreachable the store keeps working on this JVM's memory, which mirrors every
 * token this instance saw; values are never logged and {@link #toString()} shows none.
 */
public final class RedisTokenStore implements TokenStore {
  private static final String RELEASE =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
  private static final long POLL_MILLIS = 20;

  private final RedisLink link;
  private final String keyPrefix;
  private final Clock clock;
  private final Duration lockTimeout;
  /** This JVM's mirror of the tokens it saw, for when Redis is unreachable. */
  private final InMemoryTokenStore local;
  private final ConcurrentHashMap<String, ReentrantLock> jvmLocks = new ConcurrentHashMap<>();

  public RedisTokenStore(RedisLink link, String keyPrefix, Clock clock, Duration lockTimeout) {
    this.link = link;
    this.keyPrefix = keyPrefix;
    this.clock = clock;
    this.lockTimeout = lockTimeout;
    this.local = new InMemoryTokenStore(clock);
  }

  @Override
  public Optional<Token> get(String key) {
    Objects.requireNonNull(key, "key");
    if (!link.shouldTry()) return local.get(key);
    try {
      return read(key);
    } catch (RuntimeException e) {
      link.failed(e);
      return local.get(key);
    }
  }

  /** The token in Redis, the mirror updated to match. */
  private Optional<Token> read(String key) {
    Optional<Token> t = decode(link.commands().get(bytes(tokenKey(key))));
    link.succeeded();
    if (t.isPresent()) local.put(key, t.get());
    else local.remove(key);
    return t;
  }

  @Override
  public void put(String key, Token token) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(token, "token");
    local.put(key, token);
    long ttl = Duration.between(clock.instant(), token.expiresAt()).toMillis();
    if (ttl <= 0 || !link.shouldTry()) return;
    try {
      byte[] value = bytes(token.expiresAt().toEpochMilli() + ":" + token.value()); // what decode reads
      link.commands().set(bytes(tokenKey(key)), value, SetArgs.Builder.px(ttl));
      link.succeeded();
    } catch (RuntimeException e) {
      link.failed(e);
    }
  }

  @Override
  public void remove(String key) {
    Objects.requireNonNull(key, "key");
    local.remove(key);
    if (!link.shouldTry()) return;
    try {
      link.commands().del(bytes(tokenKey(key)));
      link.succeeded();
    } catch (RuntimeException e) {
      link.failed(e);
    }
  }

  /** Reads Redis itself (never the local mirror); Redis unreachable is a {@link ShipbridgeException}. */
  @Override
  public Optional<Token> getConfirmed(String key) {
    Objects.requireNonNull(key, "key");
    try {
      return read(key);
    } catch (RuntimeException e) {
      link.failed(e);
      throw unconfirmed("read", e);
    }
  }

  /** Deletes from Redis and the mirror; a deletion Redis did not confirm is a {@link ShipbridgeException}. */
  @Override
  public void removeConfirmed(String key) {
    Objects.requireNonNull(key, "key");
    local.remove(key);
    try {
      link.commands().del(bytes(tokenKey(key)));
      link.succeeded();
    } catch (RuntimeException e) {
      link.failed(e);
      throw unconfirmed("deleted", e);
    }
  }

  private ShipbridgeException unconfirmed(String what, RuntimeException e) {
    // the cause's message is not kept: Lettuce's may name the host and more; the type says enough
    return new ShipbridgeException("the token store (Redis at " + link.where() + ") is unreachable: the token could "
        + "not be " + what + " there (" + e.getClass().getSimpleName() + "); other instances may still hold and use it");
  }

  /** {@code action} under the JVM lock and the fleet lock {@link #getOrFetch} takes for {@code key}. */
  @Override
  public <T> T exclusively(String key, Supplier<T> action) {
    Objects.requireNonNull(key, "key");
    return underJvmLock(key, () -> underFleetLock(key, action, Optional::empty));
  }

  @Override
  public Token getOrFetch(String key, Supplier<Token> fetch) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fetch, "fetch");
    Optional<Token> cached = get(key);
    if (cached.isPresent()) return cached.get();
    // the fleet's lock, or the holder's token once it is put; alone when Redis fails
    return underJvmLock(key, () -> get(key).orElseGet(
        () -> underFleetLock(key, () -> TokenStore.super.getOrFetch(key, fetch), () -> get(key))));
  }

  /** A lock, not synchronized: Redis and the token fetch are I/O that must not pin a virtual thread. */
  private <T> T underJvmLock(String key, Supplier<T> body) {
    ReentrantLock lock = jvmLocks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code action} under the fleet's lock for {@code key}; while another instance holds it, polls
   * {@code meanwhile} (its result, once present, is the answer). Past the lock timeout or without
   * Redis, runs {@code action} anyway.
   */
  private <T> T underFleetLock(String key, Supplier<T> action, Supplier<Optional<T>> meanwhile) {
    byte[] lock = bytes(keyPrefix + "token-lock:" + sha256(key));
    byte[] owner = bytes(UUID.randomUUID().toString());
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    while (link.shouldTry()) {
      String acquired;
      try {
        acquired = link.commands().set(lock, owner, SetArgs.Builder.nx().px(lockTimeout.toMillis()));
        link.succeeded();
      } catch (RuntimeException e) {
        link.failed(e);
        break;
      }
      if ("OK".equals(acquired)) {
        try {
          return action.get();
        } finally {
          release(lock, owner);
        }
      }
      if (System.nanoTime() - deadline >= 0) break; // a holder that outlives the lock: act anyway
      pause();
      Optional<T> done = meanwhile.get();
      if (done.isPresent()) return done.get();
    }
    return action.get();
  }

  private void release(byte[] lock, byte[] owner) {
    try {
      link.commands().eval(RELEASE, ScriptOutputType.INTEGER, new byte[][] {lock}, owner);
    } catch (RuntimeException e) {
      link.failed(e); // the lock expires by itself
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for another instance's token", e);
    }
  }

  /** The Redis key of a token: the adapter's key hashed, so no account detail appears in Redis key listings. */
  private String tokenKey(String key) {
    return keyPrefix + "token:" + sha256(key);
  }

  private Optional<Token> decode(byte[] raw) {
    if (raw == null) return Optional.empty();
    String s = new String(raw, StandardCharsets.UTF_8);
    int colon = s.indexOf(':');
    if (colon <= 0) return Optional.empty();
    try {
      Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(s.substring(0, colon)));
      if (!expiresAt.isAfter(clock.instant())) return Optional.empty();
      return Optional.of(new Token(s.substring(colon + 1), expiresAt));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(s)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "RedisTokenStore[" + link.where() + ", prefix=" + keyPrefix + "]";
  }
}
