/**
 * Spring Boot auto-configuration for Shipbridge: add {@code shipbridge-spring-boot-starter}, set
 * {@code shipbridge.*} properties and inject {@link dev.shipbridge.Shipbridge}. See {@link
 * dev.shipbridge.spring.boot.ShipbridgeAutoConfiguration} and {@link
 * dev.shipbridge.spring.boot.ShipbridgeProperties}.
 */
package dev.shipbridge.spring.boot;
