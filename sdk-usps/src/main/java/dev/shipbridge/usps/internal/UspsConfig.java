package dev.shipbridge.usps.internal;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.usps.UspsCarrier.AccountType;
import dev.shipbridge.usps.UspsCarrier.PaymentAccount;
import dev.shipbridge.usps.UspsCarrier.TrackingApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The configuration of a {@code UspsCarrier}, as its builder made it: held by the carrier and read
 * by its {@link UspsClient}. {@link #toString()} never shows the client or webhook secret.
 *
 * @param paymentAccount null when labels are not bought
 * @param inductionZip null when parcels from abroad are not quoted
 * @param webhookSecret null when notifications are not received
 * @param authorization whose authority calls run under (the client application's by default)
 */
public record UspsConfig(String clientId, String clientSecret, HttpUrl baseUrl, PaymentAccount paymentAccount,
    String inductionZip, TrackingApi trackingApi, int quotaPerHour, String webhookSecret, QuoteSettings quoting,
    dev.shipbridge.usps.UspsAuthorization authorization) {

  @Override
  public String toString() {
    return "baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=***, paymentAccount=" + paymentAccount
        + ", inductionZip=" + inductionZip + ", trackingApi=" + trackingApi + ", quotaPerHour=" + quotaPerHour
        + (webhookSecret == null ? "" : ", webhookSecret=***") + ", authorization=" + authorization;
  }

  /**
   * The quota this configuration's calls count against: USPS counts per client application (and
   * API), so a digest of the environment and client id; merchants under one client id share it.
   */
  public String quotaKey() {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest((baseUrl + "\n" + clientId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "client:" + java.util.HexFormat.of().formatHex(d, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static final Pattern MID = Pattern.compile("\\d{6}|\\d{9}");

  /** The rules of a {@link PaymentAccount}; the first one broken as an {@link IllegalArgumentException}. */
  public static void checkAccount(String crid, String mid, String manifestMid, AccountType accountType,
      String accountNumber, String permitZip) {
    if (crid == null || crid.isBlank() || crid.length() < 2 || crid.length() > 18) {
      throw new IllegalArgumentException("crid must be 2 to 18 characters");
    }
    if (mid == null || !MID.matcher(mid).matches()) throw new IllegalArgumentException("mid must be 6 or 9 digits");
    if (manifestMid == null || !MID.matcher(manifestMid).matches()) {
      throw new IllegalArgumentException("manifestMid must be 6 or 9 digits");
    }
    Objects.requireNonNull(accountType, "accountType");
    if (accountNumber == null || accountNumber.isBlank()) throw new IllegalArgumentException("accountNumber is required");
    if (accountType == AccountType.PERMIT && (permitZip == null || !permitZip.matches("\\d{5}"))) {
      throw new IllegalArgumentException("a PERMIT account needs a five-digit permitZip");
    }
  }

  /** {@code ****} and the last four characters (all masked when there are four or fewer). */
  public static String mask(String s) {
    return s == null ? null : s.length() <= 4 ? "****" : "****" + s.substring(s.length() - 4);
  }

  /** Records a builder's problem with {@code setting} (when not {@code ok}) or clears it; returns {@code ok}. */
  public static boolean record(Map<String, String> problems, String setting, boolean ok, String message) {
    if (ok) problems.remove(setting);
    else problems.put(setting, message);
    return ok;
  }

  /**
   * Throws one {@link ConfigurationException} listing every recorded problem and every required
   * setting not given ({@code required}: setting to whether it was given); nothing when all is well.
   */
  public static void throwIfAny(Map<String, String> problems, Map<String, Boolean> required) {
    List<ConfigurationException.Problem> found = new ArrayList<>();
    problems.forEach((setting, message) -> found.add(new ConfigurationException.Problem(setting, "usps builder", message)));
    new TreeMap<>(required).forEach((setting, given) -> {
      if (!given && !problems.containsKey(setting)) {
        found.add(new ConfigurationException.Problem(setting, "usps builder", "is required"));
      }
    });
    if (!found.isEmpty()) throw new ConfigurationException(found);
  }
}
