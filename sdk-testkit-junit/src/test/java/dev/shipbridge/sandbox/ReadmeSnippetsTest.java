package dev.shipbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.testkit.CainiaoEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The README's "Testing your application" snippets, compiled and run; the test fails if a line of
 * a README snippet is not found here (the README drifted from tested code).
 */
class ReadmeSnippetsTest {
  static LabelRequest cainiaoLabel(String key) {
    return LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
        .from(ShipbridgeSandboxTest.seller()).to(ShipbridgeSandboxTest.consumer()).parcel(ShipbridgeSandboxTest.parcel())
        .customs(ShipbridgeSandboxTest.customs()).reference(String.valueOf(Math.abs(key.hashCode()) + 8_000_000_000L))
        .idempotencyKey(IdempotencyKey.of(key)).build();
  }

  // ------------------------------------------------------------------ the snippets, as in README

  @ShipbridgeTest
  @Nested
  class CheckoutTest {
    @Test
    void buysOneLabelPerOrder(Shipbridge shipbridge, CainiaoEmulator cainiao) {
      Label label = shipbridge.label(cainiaoLabel("order-1"));
      assertThat(label.trackingNumber()).startsWith("LP");
      assertThat(cainiao.ordersCreated()).isEqualTo(1);
    }
  }

  @ShipbridgeTest
  @Nested
  class Concurrent {
    @Test
    void thirtyTwoCheckoutsAtOnce(ShipbridgeSandbox sandbox) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(32);
      List<Future<Label>> labels = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        int order = i;
        labels.add(pool.submit(() -> sandbox.shipbridge().label(cainiaoLabel("order-" + order))));
      }
      for (Future<Label> f : labels) assertThat(f.get(60, TimeUnit.SECONDS).trackingNumber()).startsWith("LP");
      assertThat(sandbox.cainiao().ordersCreated()).isEqualTo(32);
      pool.shutdown();
    }
  }

  // ------------------------------------------------------------------ the README holds exactly these

  @Test
  void everyJavaLineOfTheReadmesTestingSectionIsInThisTestedFile() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("README.md"))) root = root.getParent();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("## Testing your application"),
        readme.indexOf("\n## ", readme.indexOf("## Testing your application") + 5));
    String me = Files.readString(root.resolve(
        "sdk-testkit-junit/src/test/java/dev/shipbridge/sandbox/ReadmeSnippetsTest.java"), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    String[] blocks = section.split("```java\n");
    for (int i = 1; i < blocks.length; i++) {
      String block = blocks[i];
      block.substring(0, block.indexOf("```")).lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
    }
    assertThat(lines).hasSizeGreaterThan(15);
    assertThat(lines).allSatisfy(l -> assertThat(me).contains(l));
  }
}
