/** The contract every {@code SessionStore} must keep, as tests a store module runs. */
package dev.sessionkit.tck;
