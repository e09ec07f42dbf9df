/**
 * USPS adapter internals: the transport (the only I/O), OAuth and payment tokens, the pure
 * mappers per capability with their wire records, the tracking status table, tracking-number
 * checks and the one error mapping. Not an API: anything here may change in any release.
 */
package dev.shipbridge.usps.internal;
