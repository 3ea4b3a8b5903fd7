package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Builds the pool behind {@link JdbcSessionStore.Builder#jdbcUrl}. Kept apart so that HikariCP, an
 * optional dependency, is loaded only when that method is used.
 */
final class HikariPools {

  private HikariPools() {}

  /**
   * Opens a pool whose every wait is bounded by the store's timeout: getting a connection,
   * validating it, opening a socket and reading from it. The socket timeout is a little longer than
   * the statement timeout so that the database can cancel a slow statement first; it is what ends a
   * call when the database stops answering altogether. Settings in the URL win.
   *
   * @throws dev.sessionkit.SessionStoreException when the database cannot be reached
   */
  static DataSource open(JdbcUrl jdbcUrl, Duration timeout) {
    String url = jdbcUrl.url();
    long millis = Math.max(250L, timeout.toMillis());
    HikariConfig config = new HikariConfig();
    config.setPoolName("sessionkit-jdbc");
    config.setJdbcUrl(url);
    config.setUsername(jdbcUrl.user());
    config.setPassword(jdbcUrl.password());
    config.setMaximumPoolSize(10);
    config.setConnectionTimeout(millis);
    config.setValidationTimeout(Math.max(250L, Math.min(millis, 2_000L)));
    long socketMillis = millis + 2_000L;
    long socketSeconds = (socketMillis + 999) / 1000;
    if (url.startsWith("jdbc:postgresql:")) {
      config.addDataSourceProperty("connectTimeout", String.valueOf(socketSeconds));
      config.addDataSourceProperty("loginTimeout", String.valueOf(socketSeconds));
      config.addDataSourceProperty("socketTimeout", String.valueOf(socketSeconds));
      // A statement past its timeout is cancelled over a second connection, and the caller
      // waits for that too (ten seconds by default).
      config.addDataSourceProperty("cancelSignalTimeout", String.valueOf((millis + 999) / 1000));
    } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      config.addDataSourceProperty("connectTimeout", String.valueOf(socketMillis));
      config.addDataSourceProperty("socketTimeout", String.valueOf(socketMillis));
    }
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw SqlFailures.translate("open a connection pool", e);
    }
  }
}
