/**
 * Micrometer observations and metrics for Shipbridge: start at {@link
 * dev.shipbridge.micrometer.ShipbridgeMicrometer}.
 */
package dev.shipbridge.micrometer;
