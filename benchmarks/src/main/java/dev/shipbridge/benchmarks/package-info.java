/** Placeholder. */
package dev.shipbridge.benchmarks;
