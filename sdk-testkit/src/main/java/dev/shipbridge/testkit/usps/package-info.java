/**
 * Internals of {@link dev.shipbridge.testkit.UspsEmulator}: request routing, USPS wire shapes, the
 * rate table, tracking stories and document generation. Not an API; may change in any release.
 */
package dev.shipbridge.testkit.usps;
