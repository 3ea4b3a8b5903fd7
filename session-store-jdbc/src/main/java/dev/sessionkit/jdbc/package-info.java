/** The JDBC session store for PostgreSQL, MySQL/MariaDB and H2. */
package dev.sessionkit.jdbc;
