package dev.shipbridge.cainiao;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.cainiao.internal.PushMapper;
import dev.shipbridge.spi.ReplayStore;
import dev.shipbridge.spi.support.ReplayGuard;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.TrackingEvent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies and reads the tracking pushes Cainiao LINK sends to your endpoint ({@code TRACEPUSH}:
 * a form POST with {@code logistics_interface} and {@code data_digest}).
 *
 * <p>The digest, {@code Base64(MD5(logistics_interface + secretKey))}, is checked in constant time
 * before anything else is read; a wrong digest is an {@link AuthenticationException} (code {@code
 * S02}), a missing one a {@link WebhookException} ({@code UNSIGNED}), an unreadable push a {@link
 * CarrierException}. Then the replay rule, as {@link WebhookException}s: LINK pushes carry no send
 * time, so a push is identified by its signed {@code logistics_interface} alone (unsigned form
 * fields, their order and encoding never count) and refused when already accepted within the
 * retention (7 days), when its newest event is not newer than one already accepted for the
 * parcel, or when its newest event is older than the retention. Bodies over {@link
 * WebhookRequest#MAX_BODY_BYTES} are refused before they are decoded. Answer Cainiao with {@link
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
  private final ReplayStore replays;
  private final Clock clock;

  private CainiaoPush(String secretKey, Charset charset, ReplayStore replays, Clock clock) {
    if (secretKey == null || secretKey.isBlank()) throw new IllegalArgumentException("secretKey must not be blank");
    this.secretKey = secretKey;
    this.charset = Objects.requireNonNull(charset, "charset");
    this.replays = Objects.requireNonNull(replays, "replayStore");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A verifier for pushes signed with {@code secretKey} over UTF-8 content, with its own in-memory replay memory. */
  public static CainiaoPush of(String secretKey) {
    return of(secretKey, StandardCharsets.UTF_8);
  }

  /** A verifier for pushes signed with {@code secretKey} in {@code charset} (UTF-8 or GBK, as set in the console). */
  public static CainiaoPush of(String secretKey, Charset charset) {
    return new CainiaoPush(secretKey, charset, ReplayStore.inMemory(), Clock.systemUTC());
  }

  /** This verifier remembering accepted pushes in {@code store} (share one across a fleet). */
  public CainiaoPush withReplayStore(ReplayStore store) {
    return new CainiaoPush(secretKey, charset, store, clock);
  }

  /** This verifier reading the time from {@code clock}. */
  public CainiaoPush withClock(Clock clock) {
    return new CainiaoPush(secretKey, charset, replays, clock);
  }

  /**
   * One verified push.
   *
   * @param msgType the LINK {@code msg_type} ({@code TRACEPUSH}), or null when absent (not signed)
   * @param trackingNumber the parcel's number ({@code mailNo})
   * @param events its events, oldest first
   */
  public record Notification(String msgType, String trackingNumber, List<TrackingEvent> events) {
    public Notification {
      events = List.copyOf(events);
    }
  }

  /**
   * Verifies and parses a push given as its decoded form fields, then applies the replay rule.
   *
   * @throws WebhookException when it is unsigned or a replay
   */
  public Notification parse(Map<String, String> formFields) {
    Notification n = verified(Objects.requireNonNull(formFields, "formFields"), secretKey, charset, CarrierId.CAINIAO);
    ReplayGuard.admit(replays, pushed(n, formFields.get("logistics_interface"), CarrierId.CAINIAO), clock.instant(),
        ReplayStore.DEFAULT_RETENTION);
    return n;
  }

  /**
   * Verifies and parses a push given as its raw {@code application/x-www-form-urlencoded} body,
   * then applies the replay rule.
   *
   * @throws WebhookException when it is too large, unsigned or a replay
   */
  public Notification parseForm(String body) {
    Objects.requireNonNull(body, "body");
    if (body.length() > WebhookRequest.MAX_BODY_BYTES) throw tooLarge();
    return parse(PushMapper.decodeForm(body, charset));
  }

  /** The facade's step: verify and read, no replay rule (the {@code WebhookHandler} applies it). */
  static PushedTracking verifyOnly(String body, String secretKey, Charset charset, CarrierId carrier) {
    if (body.length() > WebhookRequest.MAX_BODY_BYTES) throw tooLarge();
    Map<String, String> form;
    Notification n;
    try {
      form = PushMapper.decodeForm(body, charset);
      n = verified(form, secretKey, charset, carrier);
    } catch (AuthenticationException e) {
      throw new WebhookException(WebhookException.Reason.BAD_SIGNATURE, e.plainMessage());
    } catch (CarrierException e) {
      throw new WebhookException(WebhookException.Reason.MALFORMED, e.plainMessage());
    }
    return pushed(n, form.get("logistics_interface"), carrier);
  }

  /** The digest checked (an unsigned push refused first), then the content read. */
  private static Notification verified(Map<String, String> form, String secretKey, Charset charset, CarrierId carrier) {
    String digest = form.get("data_digest");
    if (digest == null || digest.isBlank()) throw unsigned();
    return PushMapper.parse(form, secretKey, charset, carrier);
  }

  private static PushedTracking pushed(Notification n, String signedContent, CarrierId carrier) {
    return new PushedTracking(carrier, n.trackingNumber(), n.events(), null, "link:" + ReplayGuard.digest(signedContent));
  }

  private static WebhookException unsigned() {
    return new WebhookException(WebhookException.Reason.UNSIGNED,
        "the Cainiao push has logistics_interface but no data_digest: unsigned, refused");
  }

  private static WebhookException tooLarge() {
    return new WebhookException(WebhookException.Reason.TOO_LARGE,
        "the Cainiao push is larger than " + WebhookRequest.MAX_BODY_BYTES + " characters; not read");
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
