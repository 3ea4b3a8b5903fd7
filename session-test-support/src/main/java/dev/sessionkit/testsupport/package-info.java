/**
 * What the tests of the other modules share: the Redis and PostgreSQL servers they run against
 * ({@link dev.sessionkit.testsupport.TestServers}) and a forwarder that can cut a connection to one
 * ({@link dev.sessionkit.testsupport.TcpForwarder}). A test-scope dependency, never published.
 */
package dev.sessionkit.testsupport;
