/**
 * Shipbridge core: the carrier-neutral facade, the model, the carrier SPI and its helpers. {@code
 * dev.shipbridge.internal} is not exported.
 */
module dev.shipbridge.core {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive okhttp3;
  requires io.github.resilience4j.core;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.bulkhead;
  requires org.slf4j;

  exports dev.shipbridge;
  exports dev.shipbridge.model;
  exports dev.shipbridge.account;
  exports dev.shipbridge.resilience;
  exports dev.shipbridge.spi;
  exports dev.shipbridge.spi.support;
  exports dev.shipbridge.http;

  uses dev.shipbridge.spi.CarrierProvider;
}
