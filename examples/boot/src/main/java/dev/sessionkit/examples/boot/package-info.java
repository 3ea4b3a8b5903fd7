/**
 * The example app on Spring Boot and Spring Security, with SessionKit sessions from the starter:
 * form login, the JSON API, "your sessions" and the Actuator endpoints.
 */
package dev.sessionkit.examples.boot;
