/** Placeholder. */
package dev.shipbridge.examples;
