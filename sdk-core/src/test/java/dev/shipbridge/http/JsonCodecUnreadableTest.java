package dev.shipbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.CarrierException;
import dev.shipbridge.model.CarrierId;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class JsonCodecUnreadableTest {
  private static final CarrierId CARRIER = CarrierId.USPS;

  private static CarrierException judge(String body, RequestSafety safety) {
    HttpResult r = new HttpResult(200, Headers.of(), body.getBytes(StandardCharsets.UTF_8), "application/json", null);
    return JsonCodec.standard().unreadable(CARRIER, r, new RuntimeException("x"), safety, null);
  }

  @Test
  void damagedBodyOfASafeReadIsRetryable() {
    assertThat(judge("{\"trackingNumber\": \"9400", RequestSafety.IDEMPOTENT).retryable()).isTrue();
    assertThat(judge("", RequestSafety.IDEMPOTENT).retryable()).isTrue();
  }

  @Test
  void wellFormedAnswerOfTheWrongShapeIsNotRetryable() {
    assertThat(judge("{\"unexpected\": [1, 2, 3]}", RequestSafety.IDEMPOTENT).retryable()).isFalse();
  }

  @Test
  void bodyOfMillionsOfOpenBracketsIsJudgedWithoutKeepingARecordPerLevel() {
    // 8 million levels: a parser with no depth limit would keep millions of nesting records;
    // beyond the limits is a wrong shape, answered at once as a typed CarrierException
    CarrierException e = judge("[".repeat(8_000_000), RequestSafety.IDEMPOTENT);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("unexpected shape");
  }

  /** A wire type with a java.time field: the mapper has no java.time module, and the cause says which type. */
  record Stamped(java.time.OffsetDateTime at) {}

  @Test
  void aWireTypeTheMapperCannotBindNamesTheTypeButNotTheBody() {
    HttpResult r = new HttpResult(200, Headers.of(),
        "{\"at\": \"2026-12-03T10:00:00Z\", \"name\": \"Jane Roe\"}".getBytes(StandardCharsets.UTF_8),
        "application/json", null);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JsonCodec.standard().read(CARRIER, r, Stamped.class, RequestSafety.IDEMPOTENT, null))
        .isInstanceOf(CarrierException.class)
        .satisfies(e -> assertThat(e.getCause().getMessage()).contains("java.time.OffsetDateTime")
            .doesNotContain("Jane Roe").doesNotContain("2026-12-03"));
  }
}
