package dev.shipbridge.cainiao;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.Headers;

/** Shared test values and fixture loading. */
public final class TestData {
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T04:00:00Z"), ZoneOffset.UTC);

  private TestData() {}

  public static byte[] bytes(String path) {
    try (InputStream in = TestData.class.getResourceAsStream("/dev/shipbridge/cainiao/" + path)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + path);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  public static JsonNode json(String path) {
    try {
      return JsonCodec.standard().mapper().readTree(bytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static HttpResult result(int status, String body, String contentType) {
    return new HttpResult(status, Headers.of(), body.getBytes(StandardCharsets.UTF_8), contentType, null);
  }

  public static Address shenzhen() {
    return Address.builder().name("Li Wei").line("1 Keji Road").city("Shenzhen").region("Guangdong")
        .postalCode("518057").country("CN").phone("+86 13800000000").build();
  }

  public static Address brooklyn() {
    return Address.builder().name("Ada Lovelace").line("123 Main St").city("Brooklyn").region("NY")
        .postalCode("11201").country("US").phone("+1 555 123 4567").email("ada@example.com").build();
  }

  public static CustomsDeclaration customs() {
    return CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Phone case", 2, Money.of("9.99", "USD"), Weight.grams(300), "392690", "CN")));
  }

  public static Parcel parcel() {
    return Parcel.of(Weight.of("0.35", dev.shipbridge.model.WeightUnit.KILOGRAM),
        Dimensions.of("20", "15", "4.2", LengthUnit.CENTIMETRE));
  }

  public static QuoteRequest quoteRequest() {
    return QuoteRequest.builder().from(shenzhen()).to(brooklyn()).parcel(parcel()).customs(customs()).build();
  }

  public static LabelRequest labelRequest(String key) {
    return LabelRequest.builder().carrier(dev.shipbridge.model.CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
        .from(shenzhen()).to(brooklyn()).parcel(parcel()).customs(customs()).reference("8001234567890123")
        .idempotencyKey(IdempotencyKey.of(key)).build();
  }
}
