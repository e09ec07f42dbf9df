package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.Address;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.shipbridge.usps.UspsCarrier;

/** Test fixtures under {@code src/test/resources/dev/shipbridge/usps/} and shared test values. */
public final class Fixtures {
  public static final JsonCodec JSON = JsonCodec.standard();

  public static final Address WAREHOUSE = Address.builder().name("Shipping Desk").company("Acme Goods")
      .line("4120 Bingham Ave").city("St. Louis").region("MO").postalCode("63116-1234").country("US")
      .phone("314-555-0100").build();
  public static final Address CUSTOMER = Address.builder().name("Joe Doe").line("1100 Wyoming").line("Suite 150")
      .city("St. Louis").region("MO").postalCode("63118").country("US").build();
  public static final Address SHENZHEN = Address.builder().name("Li Wei").line("1 Keji Road").city("Shenzhen")
      .region("Guangdong").postalCode("518057").country("CN").build();
  public static final Address PARIS = Address.builder().name("Charlie Collins").line("118 Avenue De France")
      .city("Paris").postalCode("75013").country("FR").phone("+33153235555").build();

  public static final UspsCarrier.PaymentAccount PAYMENT =
      UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525");
  public static final String CRID = PAYMENT.crid();

  private Fixtures() {}

  /** A 200 answer of {@code contentType} with {@code body}. */
  public static dev.shipbridge.http.HttpResult ok(String contentType, byte[] body) {
    return new dev.shipbridge.http.HttpResult(200, okhttp3.Headers.of(), body, contentType, null);
  }

  /** A label read from a 200 answer of {@code contentType} with {@code body}, as the adapter reads it. */
  public static dev.shipbridge.model.Label label(String contentType, byte[] body, dev.shipbridge.model.LabelRequest r,
      String uuid, JsonCodec json) {
    return LabelAnswer.fromWire(ok(contentType, body), new LabelAnswer.Asked(r), uuid, json);
  }

  public static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/dev/shipbridge/usps/" + path)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + path);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  public static JsonNode tree(String path) {
    return JSON.tree(dev.shipbridge.model.CarrierId.USPS, bytes(path));
  }

  /** A value serialised as the adapter sends it, read back as a tree. */
  public static JsonNode wire(Object value) {
    return JSON.tree(dev.shipbridge.model.CarrierId.USPS, JSON.write(value));
  }

  /** A 200 answer with {@code body}, read as {@code type} the way the adapter reads a read's answer. */
  public static <T> T read(byte[] body, Class<T> type) {
    var ok = new dev.shipbridge.http.HttpResult(200, okhttp3.Headers.of(), body, "application/json", null);
    return JSON.read(dev.shipbridge.model.CarrierId.USPS, ok, type, dev.shipbridge.http.RequestSafety.IDEMPOTENT, null);
  }
}
