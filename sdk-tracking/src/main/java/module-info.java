/** Shipbridge tracking: {@link dev.shipbridge.tracking.TrackingScheduler} and its schedule stores. */
module dev.shipbridge.tracking {
  requires transitive dev.shipbridge.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.shipbridge.tracking;
}
