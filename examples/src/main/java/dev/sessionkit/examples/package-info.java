/** The login / protected / logout example application on embedded Jetty. */
package dev.sessionkit.examples;
