/** Implementation of the Micrometer integration; not API. */
package dev.shipbridge.micrometer.internal;
