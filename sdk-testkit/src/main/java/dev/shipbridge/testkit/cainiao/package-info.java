/**
 * Internals of {@link dev.shipbridge.testkit.CainiaoEmulator}: signature verification, number
 * formats, the parcel timeline, state and the WireMock extension. Not a supported API.
 */
package dev.shipbridge.testkit.cainiao;
