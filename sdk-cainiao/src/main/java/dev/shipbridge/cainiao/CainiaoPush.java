package dev.shipbridge.cainiao;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.cainiao.internal.PushMapper;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.TrackingEvent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies and reads the tracking pushes Cainiao LINK sends to your endpoint ({@code TRACEPUSH}:
 * a form POST with {@code logistics_interface} and {@code data_digest}).
 *
 * <p>The digest, {@code Base64(MD5(logistics_interface + secretKey))}, is checked in constant time
 * before anything else is read; a missing or wrong digest is an {@link AuthenticationException}
 * (code {@code S02}), an unreadable push a {@link CarrierException}. Answer Cainiao with {@link
 * #acknowledgement()} and HTTP 200.
 *
 * <pre>{@code
 * CainiaoPush push = cainiaoCarrier.push();          // or CainiaoPush.of(linkSecretKey)
 * CainiaoPush.Notification n = push.parseForm(requestBody);
 * n.events().forEach(e -> timeline.add(n.trackingNumber(), e));
 * response.status(200).body(push.acknowledgement());
 * }</pre>
 *
 * Thread-safe; {@link #toString()} hides the key.
 */
public final class CainiaoPush {
  private final String secretKey;
  private final Charset charset;

  private CainiaoPush(String secretKey, Charset charset) {
    if (secretKey == null || secretKey.isBlank()) throw new IllegalArgumentException("secretKey must not be blank");
    this.secretKey = secretKey;
    this.charset = Objects.requireNonNull(charset, "charset");
  }

  /** A verifier for pushes signed with {@code secretKey} over UTF-8 content. */
  public static CainiaoPush of(String secretKey) {
    return new CainiaoPush(secretKey, StandardCharsets.UTF_8);
  }

  /** A verifier for pushes signed with {@code secretKey} in {@code charset} (UTF-8 or GBK, as set in the console). */
  public static CainiaoPush of(String secretKey, Charset charset) {
    return new CainiaoPush(secretKey, charset);
  }

  /**
   * One verified push.
   *
   * @param msgType the LINK {@code msg_type} ({@code TRACEPUSH}), or null when absent
   * @param trackingNumber the parcel's number ({@code mailNo})
   * @param events its events, oldest first
   */
  public record Notification(String msgType, String trackingNumber, List<TrackingEvent> events) {
    public Notification {
      events = List.copyOf(events);
    }
  }

  /** Verifies and parses a push given as its decoded form fields. */
  public Notification parse(Map<String, String> formFields) {
    PushMapper.Parsed p = PushMapper.parse(Objects.requireNonNull(formFields, "formFields"), secretKey, charset,
        CarrierId.CAINIAO);
    return new Notification(p.msgType(), p.trackingNumber(), p.events());
  }

  /** Verifies and parses a push given as its raw {@code application/x-www-form-urlencoded} body. */
  public Notification parseForm(String body) {
    return parse(PushMapper.decodeForm(Objects.requireNonNull(body, "body"), charset));
  }

  /** The body to answer a push with (HTTP 200, {@code application/json}). */
  public String acknowledgement() {
    return "{\"success\":\"true\",\"errorCode\":\"\",\"errorMsg\":\"\"}";
  }

  @Override
  public String toString() {
    return "CainiaoPush[secretKey=***, charset=" + charset + "]";
  }
}
