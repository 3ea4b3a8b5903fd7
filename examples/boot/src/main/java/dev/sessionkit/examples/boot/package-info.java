/** The example app on Spring Boot, with SessionKit sessions from the starter. */
package dev.sessionkit.examples.boot;
