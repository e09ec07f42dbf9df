/**
 * The sandbox for your own tests: {@link dev.shipbridge.sandbox.ShipbridgeSandbox} (both carrier
 * emulators wired to a {@code Shipbridge} on a virtual clock) and the JUnit 5 extension {@link
 * dev.shipbridge.sandbox.ShipbridgeTest}.
 *
 * <p>This module joins the SDK and {@code shipbridge-testkit}, which itself imports no SDK code so
 * that its emulators stay pure wire-level fakes.
 */
package dev.shipbridge.sandbox;
