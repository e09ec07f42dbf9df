/**
 * Shipbridge's own plumbing. Public only so that Shipbridge's modules can share it; not part of
 * the API, may change in any release.
 */
package dev.shipbridge.internal;
