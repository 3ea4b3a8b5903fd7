/**
 * Spring Boot auto-configuration for SessionKit: the {@code sessionkit.*} properties, the {@code
 * SessionManager} on the store they name, the {@code SessionFilter} registered before Spring
 * Security, the store's health indicator and the meters. Applications use the starter and, at most,
 * {@link dev.sessionkit.spring.boot.SessionKitConfigCustomizer}.
 */
package dev.sessionkit.spring.boot;
