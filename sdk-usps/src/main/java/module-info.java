/**
 * Shipbridge USPS adapter: {@link dev.shipbridge.usps.UspsCarrier}, also discovered through {@link
 * java.util.ServiceLoader}. {@code dev.shipbridge.usps.internal} is not exported; it is opened to
 * Jackson only, which reads and writes its wire records.
 */
module dev.shipbridge.usps {
  requires transitive dev.shipbridge.core;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.databind;
  requires okhttp3;
  requires org.slf4j;

  exports dev.shipbridge.usps;

  opens dev.shipbridge.usps.internal to com.fasterxml.jackson.databind;

  provides dev.shipbridge.spi.CarrierProvider with dev.shipbridge.usps.internal.UspsCarrierProvider;
}
