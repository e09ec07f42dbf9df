/** Placeholder. */
package dev.shipbridge.testkit;
