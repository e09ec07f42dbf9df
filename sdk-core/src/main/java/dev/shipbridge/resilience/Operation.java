package dev.shipbridge.resilience;

/** The kinds of carrier call a policy can be set for. */
public enum Operation { AUTH, QUOTE, LABEL, CANCEL, TRACK, ADDRESS, MANIFEST }
