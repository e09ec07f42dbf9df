package dev.shipbridge.model;

/**
 * The carrier and number a parcel continues under after a carrier hands it over (Cainiao to USPS
 * for the last mile).
 */
public record Handoff(CarrierId carrier, String trackingNumber) {}
