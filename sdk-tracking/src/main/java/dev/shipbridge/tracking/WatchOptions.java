package dev.shipbridge.tracking;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to watch one parcel: the carrier account whose quota pays for its polls, and whether the
 * carrier pushes its events (a live USPS tracking subscription, a Cainiao LINK push), in which case
 * it is polled only as a safety net.
 *
 * <pre>{@code
 * scheduler.watch(CarrierId.USPS, number, WatchOptions.account("acme-us").withPush(true));
 * }</pre>
 *
 * @param account the account name given to {@link TrackingScheduler.Builder#account}
 * @param pushed true when the carrier pushes this parcel's events to you
 */
public record WatchOptions(String account, boolean pushed) {
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
  /** The default account, polled. */
  public static final WatchOptions DEFAULTS = new WatchOptions(TrackingScheduler.DEFAULT_ACCOUNT, false);

  public WatchOptions {
    Objects.requireNonNull(account, "account");
    if (!ACCOUNT.matcher(account).matches()) {
      throw new IllegalArgumentException("account must match " + ACCOUNT.pattern());
    }
  }

  public static WatchOptions account(String account) {
    return new WatchOptions(account, false);
  }

  public WatchOptions withPush(boolean pushed) {
    return new WatchOptions(account, pushed);
  }
}
