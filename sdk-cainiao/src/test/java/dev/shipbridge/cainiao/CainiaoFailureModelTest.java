package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.CarrierException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Label;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 14's Cainiao cases: one idempotency key is one order within a Shipbridge, on the real adapter and emulator. */
class CainiaoFailureModelTest {
  private static final String CREATE = "cainiao.global.logistic.order.create";
  private static final String PRINT = "aliexpress.logistics.redefining.getprintinfo";

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
  private CainiaoEmulator cainiao;
  private Shipbridge shipbridge;

  @BeforeEach
  void start() {
    cainiao = CainiaoEmulator.start(clock);
    shipbridge = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> clock.advance(d))
        .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
            .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).handoverLoginId("seller@example.com").build())
        .build();
  }

  @AfterEach
  void stop() {
    shipbridge.close();
    cainiao.close();
  }

  @Test
  void cainiaoPrintInfo503AfterTheOrderWasCreatedIsOutcomeUnknownWithTheOrderId() {
    cainiao.injectFault(PRINT, CainiaoEmulator.Fault.HTTP_503, 10);

    CarrierException e = catchThrowableOfType(CarrierException.class,
        () -> shipbridge.label(TestData.labelRequest("order-503")));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(e.idempotencyKey()).contains("order-503");
    assertThat(e.orderId()).isPresent();
    assertThat(e.getMessage()).contains(e.orderId().get());
    assertThat(cainiao.requestCount(CREATE)).isEqualTo(1);
  }

  @Test
  void cainiaoSameKeyRetryResumesFromTheCreatedOrder() {
    cainiao.injectFault(PRINT, CainiaoEmulator.Fault.HTTP_503, 1);
    CarrierException e = catchThrowableOfType(CarrierException.class,
        () -> shipbridge.label(TestData.labelRequest("order-resume")));

    Label label = shipbridge.label(TestData.labelRequest("order-resume"));

    assertThat(cainiao.requestCount(CREATE)).as("the retry fetched the existing order's label").isEqualTo(1);
    assertThat(List.of(label.trackingNumber(), String.valueOf(label.details()))).anySatisfy(
        s -> assertThat(s).contains(e.orderId().orElseThrow()));
  }

  @Test
  void cainiaoConcurrentSameKeyCallsCreateOneOrder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Label>> calls = List.of(1, 2, 3, 4).stream()
          .map(i -> CompletableFuture.supplyAsync(() -> shipbridge.label(TestData.labelRequest("order-twice")), pool))
          .toList();
      List<String> numbers = calls.stream().map(CompletableFuture::join).map(Label::trackingNumber).distinct().toList();

      assertThat(numbers).singleElement();
      assertThat(cainiao.requestCount(CREATE)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
