package dev.shipbridge.model;

import dev.shipbridge.internal.Checks;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A bought label: the tracking number and the printable file.
 *
 * <pre>{@code
 * Label label = shipbridge.label(request);
 * Files.write(Path.of(label.trackingNumber() + ".pdf"), label.content());
 * }</pre>
 *
 * @param carrier who carries it
 * @param trackingNumber the number to track it by
 * @param serviceCode the service bought
 * @param format the file's format
 * @param content the file's bytes (a copy is returned on each call)
 * @param postage what it cost, or null when the carrier did not say
 * @param idempotencyKey the key it was bought with
 * @param details carrier-specific references (order code, original and latest numbers, ...)
 */
public record Label(
    CarrierId carrier, String trackingNumber, String serviceCode, LabelFormat format, byte[] content,
    Money postage, IdempotencyKey idempotencyKey, Map<String, String> details) {

  public Label {
    details = details == null ? Map.of() : Map.copyOf(details);
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    c.notBlank("trackingNumber", trackingNumber, 64);
    c.notNull("format", format);
    if (content == null || content.length == 0) c.add("content", "is required");
    c.throwIfAny();
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Label l && carrier.equals(l.carrier) && trackingNumber.equals(l.trackingNumber)
        && Objects.equals(serviceCode, l.serviceCode) && format.equals(l.format)
        && Arrays.equals(content, l.content) && Objects.equals(postage, l.postage)
        && Objects.equals(idempotencyKey, l.idempotencyKey) && details.equals(l.details);
  }

  @Override
  public int hashCode() {
    return Objects.hash(carrier, trackingNumber, serviceCode, format, Arrays.hashCode(content), postage);
  }

  @Override
  public String toString() {
    return "Label[carrier=" + carrier + ", trackingNumber=" + trackingNumber + ", serviceCode=" + serviceCode
        + ", format=" + format.type() + ", bytes=" + content.length + ", postage=" + postage + "]";
  }
}
