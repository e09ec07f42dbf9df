/** Placeholder. */
package dev.shipbridge.usps;
