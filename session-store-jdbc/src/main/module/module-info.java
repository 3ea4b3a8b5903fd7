/**
 * The JDBC session store for PostgreSQL, MySQL/MariaDB and H2. Its API hands out {@code
 * javax.sql.DataSource} and the core's types, so both modules are read transitively. HikariCP is
 * optional: only {@code JdbcStoreBuilder#jdbcUrl} needs it, and a store built from a {@code
 * DataSource} runs without it.
 */
module dev.sessionkit.jdbc {
  requires transitive dev.sessionkit;
  requires transitive java.sql;
  requires tools.jackson.core;
  requires com.github.benmanes.caffeine;
  requires static com.zaxxer.hikari;

  exports dev.sessionkit.jdbc;

  provides dev.sessionkit.spi.StoreProvider with
      dev.sessionkit.jdbc.JdbcStoreProvider;
}
