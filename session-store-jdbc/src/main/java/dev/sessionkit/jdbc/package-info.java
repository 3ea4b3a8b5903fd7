/**
 * The JDBC session store for PostgreSQL, MySQL/MariaDB and H2: {@link
 * dev.sessionkit.jdbc.JdbcSessionStore}, built with {@link
 * dev.sessionkit.jdbc.JdbcSessionStore#builder()}. Everything else in the package is a
 * package-private helper: the SQL of each dialect, the attributes column's JSON, the sweeper.
 */
package dev.sessionkit.jdbc;
