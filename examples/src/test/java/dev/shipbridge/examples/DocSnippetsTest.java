package dev.shipbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.Weight;
import dev.shipbridge.usps.UspsCarrier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code Shipbridge} class Javadoc example and README's "Quick start" live here as compiled
 * code (never run: they name production carriers); the test fails when a line of either is not
 * found here, so the documentation cannot drift from code that compiles.
 */
class DocSnippetsTest {
  @SuppressWarnings("unused")
  static void shipbridgeClassJavadoc(String uspsId, String uspsSecret, String appKey, String appSecret, String sellerToken,
      QuoteRequest quoteRequest, Address seller, Address customer, Parcel parcel, CustomsDeclaration customs, String orderId) {
    Shipbridge shipbridge = Shipbridge.builder()
        .carrier(UspsCarrier.builder().clientId(uspsId).clientSecret(uspsSecret).build())
        .carrier(CainiaoCarrier.builder().appKey(appKey).appSecret(appSecret).accessToken(sellerToken).build())
        .build();

    QuoteResult quotes = shipbridge.quote(quoteRequest);           // all capable carriers, in parallel
    Quote pick = quotes.cheapestWithin(20, Currency.getInstance("CNY")).orElseThrow();
    Label label = shipbridge.label(LabelRequest.builder().quote(pick)
        .from(seller).to(customer).parcel(parcel).customs(customs)
        .idempotencyKey(IdempotencyKey.of(orderId)).build());     // safe to retry
    Tracking tracking = shipbridge.track(label.trackingNumber());  // carrier found from the number
  }

  @SuppressWarnings("unused")
  static void readmeQuickStart(String id, String secret, String crid, String mid, String manifestMid, String account,
      Address warehouse, Address customer, String orderId) throws IOException {
    try (Shipbridge shipbridge = Shipbridge.builder()
            .carrier(UspsCarrier.builder().clientId(id).clientSecret(secret)
                .paymentAccount(UspsCarrier.PaymentAccount.eps(crid, mid, manifestMid, account)).build())
            .build()) {
        Parcel parcel = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));
        QuoteRequest request = QuoteRequest.builder().from(warehouse).to(customer).parcel(parcel).build();
        QuoteResult quotes = shipbridge.quote(request);                 // every carrier, in parallel
        QuoteResult.Choice choice = quotes.withinDays(5).inCurrency("USD").cheapestChoice();
        Quote best = choice.quote().orElseThrow(() -> new IllegalStateException(choice.explanation()));
        System.out.println(best.serviceName() + " " + best.total().format() + ", " + best.transitDaysText()
            + " days (" + best.daysBasis() + "): " + choice.explanation());
        Label label = shipbridge.label(LabelRequest.builder().quote(best)
            .from(warehouse).to(customer).parcel(parcel)
            .idempotencyKey(IdempotencyKey.of(orderId)).build());       // safe to retry
        Files.write(Path.of(label.trackingNumber() + ".pdf"), label.content());
        Tracking tracking = shipbridge.track(label.trackingNumber());   // carrier found from the number
    }
  }

  private static Path root() {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("README.md"))) root = root.getParent();
    return root;
  }

  private static String me() throws IOException {
    return Files.readString(root().resolve("examples/src/test/java/dev/shipbridge/examples/DocSnippetsTest.java"),
        StandardCharsets.UTF_8);
  }

  @Test
  void theShipbridgeClassJavadocExampleIsCompiledCode() throws IOException {
    String source = Files.readString(root().resolve("sdk-core/src/main/java/dev/shipbridge/Shipbridge.java"),
        StandardCharsets.UTF_8);
    String block = source.substring(source.indexOf("<pre>{@code") + "<pre>{@code".length(), source.indexOf("}</pre>"));
    List<String> lines = block.lines().map(l -> l.replaceFirst("^\\s*\\*\\s?", "").strip()).filter(l -> !l.isEmpty()).toList();
    assertThat(lines).hasSizeGreaterThan(8);
    String me = me();
    assertThat(lines).allSatisfy(l -> assertThat(me).contains(l));
  }

  @Test
  void theReadmeQuickStartIsCompiledCode() throws IOException {
    String readme = Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 3));
    String block = section.substring(section.indexOf("```java\n") + 8);
    block = block.substring(0, block.indexOf("```"));
    List<String> lines = new ArrayList<>(block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    assertThat(lines).hasSizeGreaterThan(10);
    String me = me();
    assertThat(lines).allSatisfy(l -> assertThat(me).contains(l));
  }
}
