package dev.shipbridge.model;

/**
 * A stretch of a cross-border journey. A {@link Quote} says which legs its price covers: a Cainiao
 * solution may cover everything from pickup in China to the door in the US, a USPS domestic price
 * only the {@link #LAST_MILE}.
 */
public enum Leg { FIRST_MILE, EXPORT_CUSTOMS, LINE_HAUL, IMPORT_CUSTOMS, LAST_MILE }
