/**
 * Spring Boot auto-configuration for SessionKit. Spring's jars have no descriptors; they are the
 * automatic modules their manifests name (spring.boot, spring.context, ...), stable names Spring
 * keeps, so the lint's warnings about requiring them are silenced. Each store, the metrics, the
 * health API, Actuator (the sessions endpoint) and Spring Security are optional: {@code requires
 * static}, as the application may lack them. Spring reads the configuration classes and properties
 * by reflection, so the package is opened.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.sessionkit.spring.boot {
  requires transitive dev.sessionkit;
  requires transitive dev.sessionkit.servlet;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.context;
  requires spring.beans;
  requires spring.core;
  requires java.sql;
  requires static dev.sessionkit.memory;
  requires static dev.sessionkit.redis;
  requires static dev.sessionkit.jdbc;
  requires static dev.sessionkit.metrics;
  requires static spring.boot.health;
  requires static spring.boot.actuator;
  requires static spring.boot.actuator.autoconfigure;
  requires static spring.security.core;
  requires static spring.security.web;
  requires static tools.jackson.databind;
  requires static org.jspecify;

  exports dev.sessionkit.spring.boot;

  opens dev.sessionkit.spring.boot to
      spring.core,
      spring.beans,
      spring.context;
}
