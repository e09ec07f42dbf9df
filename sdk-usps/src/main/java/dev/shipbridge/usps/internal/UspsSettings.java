package dev.shipbridge.usps.internal;

import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * The configuration a {@code UspsCarrier} was built with, as the internal classes need it.
 * {@link #toString()} never shows the client secret.
 *
 * @param clientId the OAuth client id ("Consumer Key")
 * @param clientSecret the OAuth client secret ("Consumer Secret")
 * @param baseUrl {@code https://apis.usps.com}, {@code https://apis-tem.usps.com} or a custom one
 * @param payment the payment account for labels and SCAN forms, or null
 * @param inductionZip the US ZIP where parcels from outside the US enter USPS, or null
 * @param trackingV3Detail true to track with {@code GET /tracking/v3} one number at a time
 */
public record UspsSettings(
    String clientId, String clientSecret, HttpUrl baseUrl, Payment payment, String inductionZip,
    boolean trackingV3Detail) {

  public UspsSettings {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(baseUrl, "baseUrl");
    // masked by value wherever USPS echoes them back (error bodies, TRACE logs)
    dev.shipbridge.spi.support.KnownSecrets.register(clientSecret, payment == null ? null : payment.accountNumber());
  }

  /**
   * A payment account: the roles sent to {@code /payments/v3/payment-authorization}.
   *
   * @param accountType {@code EPS} or {@code PERMIT}
   * @param accountNumber the EPS account number, or the permit number for {@code PERMIT}
   * @param permitZip the permit's ZIP, for {@code PERMIT} only
   */
  public record Payment(String crid, String mid, String manifestMid, String accountType, String accountNumber,
      String permitZip) {
    @Override
    public String toString() {
      return "Payment[crid=" + crid + ", mid=" + mid + ", manifestMid=" + manifestMid + ", accountType=" + accountType
          + ", accountNumber=" + mask(accountNumber) + "]";
    }
  }

  /** {@code ****} and the last four characters (all masked when there are four or fewer). */
  public static String mask(String s) {
    if (s == null) return null;
    return s.length() <= 4 ? "****" : "****" + s.substring(s.length() - 4);
  }

  @Override
  public String toString() {
    return "UspsSettings[clientId=" + clientId + ", clientSecret=***, baseUrl=" + baseUrl + ", payment=" + payment
        + ", inductionZip=" + inductionZip + ", trackingV3Detail=" + trackingV3Detail + "]";
  }
}
