/**
 * Shipbridge Cainiao adapter: {@link dev.shipbridge.cainiao.CainiaoCarrier} and {@link
 * dev.shipbridge.cainiao.CainiaoPush}, also discovered through {@link java.util.ServiceLoader}. {@code
 * dev.shipbridge.cainiao.internal} is not exported; it is opened to Jackson only, which reads and
 * writes its wire records.
 */
module dev.shipbridge.cainiao {
  requires transitive dev.shipbridge.core;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires okhttp3;
  requires org.slf4j;
  requires java.xml;

  exports dev.shipbridge.cainiao;

  opens dev.shipbridge.cainiao.internal to com.fasterxml.jackson.databind;

  provides dev.shipbridge.spi.CarrierProvider with dev.shipbridge.cainiao.internal.CainiaoCarrierProvider;
}
