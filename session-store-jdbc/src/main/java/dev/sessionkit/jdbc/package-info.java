/**
 * The JDBC store for PostgreSQL, MySQL/MariaDB and H2: {@link
 * dev.sessionkit.jdbc.JdbcSessionStore}, a {@link dev.sessionkit.spi.SessionStore} that is also
 * {@link dev.sessionkit.spi.PrincipalSessions} and {@link dev.sessionkit.spi.SessionInventory},
 * configured with {@link dev.sessionkit.jdbc.JdbcStoreBuilder} (the {@link
 * dev.sessionkit.spi.StoreFactory} the engine builds it through). Everything else in the package is
 * a package-private helper: the table's SQL ({@code SessionTable}, the per-principal cap {@code
 * PrincipalCap}, the inventory {@code TableInventory}) and row layout ({@code SessionRows}, {@code
 * AttributesJson}), what differs per database ({@code Dialect}, with its explicit choices {@code
 * DeltaMerge}, {@code RowDeletion} and {@code PrincipalCap.Lock}), the connections and how
 * statements are bounded in time ({@code Database}, {@code HikariPools}, {@code StatementBound},
 * {@code StatementWatchdog}) and the sweep ({@code ExpirySweep}, {@code SweepScheduler}).
 */
package dev.sessionkit.jdbc;
