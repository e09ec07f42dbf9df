/** Placeholder. */
package dev.shipbridge;
