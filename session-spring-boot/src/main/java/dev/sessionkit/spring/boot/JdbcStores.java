package dev.sessionkit.spring.boot;

import dev.sessionkit.jdbc.JdbcSessionStore;
import dev.sessionkit.jdbc.JdbcStoreBuilder;
import dev.sessionkit.spi.StoreFactory;
import javax.sql.DataSource;

/**
 * The JDBC store from {@code sessionkit.jdbc.*}, on the application's {@link DataSource} unless
 * {@code sessionkit.jdbc.url} names a database of its own; loaded only when that store is chosen.
 */
final class JdbcStores {

  private JdbcStores() {}

  static StoreFactory factory(JdbcStoreProperties settings, DataSource application) {
    JdbcStoreBuilder builder = JdbcSessionStore.builder();
    if (present(settings.getUrl())) {
      builder.jdbcUrl(
          settings.getUrl(),
          present(settings.getUsername()) ? settings.getUsername() : null,
          present(settings.getPassword()) ? settings.getPassword() : null);
    } else if (application != null) {
      builder.dataSource(application);
    } else {
      throw new SessionKitSetupException(
          "sessionkit.store=jdbc needs a database, and the application has no DataSource",
          "Configure the application's DataSource (spring.datasource.url, with"
              + " spring-boot-starter-jdbc) or set sessionkit.jdbc.url.");
    }
    if (settings.getTableName() != null) {
      builder.tableName(settings.getTableName());
    }
    if (settings.getCreateTable() != null) {
      builder.createTable(settings.getCreateTable());
    }
    if (settings.getSweeper() != null) {
      builder.sweeper(settings.getSweeper());
    }
    if (settings.getSweepInterval() != null) {
      builder.sweepInterval(settings.getSweepInterval());
    }
    if (settings.getTimeout() != null) {
      builder.timeout(settings.getTimeout());
    }
    return builder;
  }

  /** An empty value, as {@code ${JDBC_URL:}} gives when the variable is unset, counts as unset. */
  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
