/**
 * The JDBC session store for PostgreSQL, MySQL/MariaDB and H2: {@link
 * dev.sessionkit.jdbc.JdbcSessionStore}, a {@link dev.sessionkit.spi.SessionStore} that is also
 * {@link dev.sessionkit.spi.PrincipalSessions}, configured with {@link
 * dev.sessionkit.jdbc.JdbcSessionStore.Builder} (the {@link dev.sessionkit.spi.StoreFactory} the
 * engine builds it through). Everything else in the package is a package-private helper: the
 * table's SQL ({@code SessionTable}) and row layout ({@code SessionRows}, {@code AttributesJson}),
 * what differs per database ({@code Dialect}, with its explicit choices {@code DeltaMerge} and
 * {@code RowDeletion}), the connections ({@code Database}, {@code HikariPools}) and the sweep
 * ({@code ExpirySweep}, {@code SweepScheduler}).
 */
package dev.sessionkit.jdbc;
