package dev.shipbridge.testkit.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the kit does to the operation's request: an HTTP status (with a carrier-neutral JSON body)
 * or a transport fault. {@link #mayHaveTakenEffect()} says whether the carrier may have carried
 * the request out, which decides the rules ({@link Rules}).
 */
public enum Fault {
  STATUS_400(400), STATUS_401(401), STATUS_403(403), STATUS_404(404), STATUS_409(409), STATUS_422(422),
  /** 429 with {@code Retry-After: 1}. */
  STATUS_429_SECONDS(429),
  /** 429 with {@code Retry-After} as an HTTP date two seconds ahead. */
  STATUS_429_HTTP_DATE(429),
  /** 429 with an unreadable {@code Retry-After}. */
  STATUS_429_GARBAGE(429),
  /** 429 with {@code Retry-After: 9223372036854775807} (longer than anyone waits; must not overflow). */
  STATUS_429_ABSURD(429),
  STATUS_500(500), STATUS_502(502), STATUS_503(503), STATUS_504(504),
  /** The connection is reset after the request was sent. */
  RESET_AFTER_SEND(0),
  /**
   * The connection is reset before the request was sent: the kit's server accepts the connection
   * and resets it during the TLS handshake (the carrier is built against an {@code https://} base
   * URL on loopback), so no HTTP request ever leaves.
   */
  RESET_BEFORE_SEND(0),
  /** The server closes the connection without answering. */
  EMPTY_CLOSE(0),
  /** The server answers after the attempt timeout. */
  STALL(0),
  /** A 200 whose JSON body is cut short. */
  TRUNCATED_200(200),
  /** Nothing listens: the request never leaves. */
  CONNECT_REFUSED(0);

  /** How long {@link #STALL} holds the answer; the kit's attempt timeout is much shorter. */
  static final Duration STALL_FOR = Duration.ofSeconds(3);

  private final int status;

  Fault(int status) {
    this.status = status;
  }

  /** The HTTP status served, 0 for a transport fault. */
  public int status() {
    return status;
  }

  /** Whether the carrier may have carried out a request that failed so. */
  public boolean mayHaveTakenEffect() {
    return status >= 500 || this == RESET_AFTER_SEND || this == EMPTY_CLOSE || this == STALL || this == TRUNCATED_200;
  }

  /** Whether the request provably never left (a refused connection, a reset before sending). */
  public boolean neverSent() {
    return this == CONNECT_REFUSED || this == RESET_BEFORE_SEND;
  }

  boolean is429() {
    return status == 429;
  }

  /** The answer served for the broken request (not used for {@link #CONNECT_REFUSED} and {@link #RESET_BEFORE_SEND}). */
  ResponseDefinitionBuilder response(Clock clock) {
    ResponseDefinitionBuilder r = aResponse().withHeader("Content-Type", "application/json");
    return switch (this) {
      case RESET_AFTER_SEND -> aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER);
      case EMPTY_CLOSE -> aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE);
      case STALL -> r.withStatus(200).withBody("{}").withFixedDelay((int) STALL_FOR.toMillis());
      case TRUNCATED_200 -> r.withStatus(200).withBody("{\"result\":{\"items\":[{\"id\":\"");
      case STATUS_429_SECONDS -> r.withStatus(429).withHeader("Retry-After", "1").withBody("{}");
      case STATUS_429_HTTP_DATE -> r.withStatus(429).withHeader("Retry-After",
          DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(2).atOffset(ZoneOffset.UTC))).withBody("{}");
      case STATUS_429_GARBAGE -> r.withStatus(429).withHeader("Retry-After", "soon-ish").withBody("{}");
      case STATUS_429_ABSURD -> r.withStatus(429).withHeader("Retry-After", "9223372036854775807").withBody("{}");
      default -> r.withStatus(status).withBody("{}");
    };
  }
}
