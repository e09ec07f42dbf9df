package dev.shipbridge.model;

/**
 * Where a parcel is, in words every carrier's codes map onto. Each {@link TrackingEvent} keeps the
 * carrier's raw code beside this value; a code an adapter does not know becomes {@link #UNKNOWN}.
 */
public enum TrackingStatus {
  PRE_TRANSIT,
  IN_TRANSIT,
  IN_CUSTOMS,
  OUT_FOR_DELIVERY,
  AVAILABLE_FOR_PICKUP,
  DELIVERED,
  DELIVERY_ATTEMPTED,
  EXCEPTION,
  RETURNED_TO_SENDER,
  UNKNOWN;

  /** Nothing more will happen: {@link #DELIVERED} or {@link #RETURNED_TO_SENDER}. */
  public boolean isTerminal() {
    return this == DELIVERED || this == RETURNED_TO_SENDER;
  }
}
