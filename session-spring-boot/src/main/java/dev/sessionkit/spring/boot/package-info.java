/**
 * Spring Boot auto-configuration for SessionKit: the {@code sessionkit.*} properties, the {@code
 * SessionManager} on the store they name, the {@code SessionFilter} registered before Spring
 * Security, the store's health indicator (in the readiness group too) and the meters, the Actuator
 * {@code sessions} endpoint, and with Spring Security the session's principal from the
 * authentication and a {@code SessionRegistry} on the per-principal index. Applications use the
 * starter and, at most, {@link dev.sessionkit.spring.boot.SessionKitConfigCustomizer}.
 */
package dev.sessionkit.spring.boot;
