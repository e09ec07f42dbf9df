/** Placeholder. */
package dev.shipbridge.cainiao;
