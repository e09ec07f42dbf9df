package dev.shipbridge.model;

/** How fast a service is meant to be, across carriers; {@code UNKNOWN} when a carrier does not say. */
public enum ServiceLevel { ECONOMY, STANDARD, EXPRESS, UNKNOWN }
