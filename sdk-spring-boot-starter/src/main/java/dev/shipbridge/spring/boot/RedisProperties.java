package dev.shipbridge.spring.boot;

import java.time.Duration;

/** {@code shipbridge.redis.*}: one quota and token cache shared by a fleet (shipbridge-redis). */
public class RedisProperties {
  /** What rate-limited calls do while Redis is unreachable (mirrors shipbridge-redis's own, which may be absent). */
  public enum WhenUnreachable {
    /** Refuse rate-limited calls without sending them. */
    FAIL_CLOSED,
    /** Allow each instance 1/fleet-size of the quota on its own. */
    FAIL_OPEN
  }

  /** The Redis URI, e.g. redis://redis.internal:6379; unset: no sharing, quotas are per JVM. */
  private String url;

  /** The prefix of every key Shipbridge writes (default "shipbridge:"). */
  private String keyPrefix;

  /** What rate-limited calls do while Redis is unreachable (default fail_closed). */
  private WhenUnreachable whenUnreachable;

  /** How many instances share the quota; each allows 1/fleet-size of it on its own when failing open. */
  private Integer fleetSize;

  /** How long one Redis command may take. */
  private Duration commandTimeout;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public void setKeyPrefix(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }

  public WhenUnreachable getWhenUnreachable() {
    return whenUnreachable;
  }

  public void setWhenUnreachable(WhenUnreachable whenUnreachable) {
    this.whenUnreachable = whenUnreachable;
  }

  public Integer getFleetSize() {
    return fleetSize;
  }

  public void setFleetSize(Integer fleetSize) {
    this.fleetSize = fleetSize;
  }

  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  public void setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }

  @Override
  public String toString() {
    return "RedisProperties[url " + (url == null ? "unset" : "set") + "]";
  }
}
