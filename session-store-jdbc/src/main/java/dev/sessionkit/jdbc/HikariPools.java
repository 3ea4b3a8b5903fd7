package dev.sessionkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Builds the pool behind {@link JdbcStoreBuilder#jdbcUrl}. Kept apart so that HikariCP, an optional
 * dependency, is loaded only when that method is used.
 */
final class HikariPools {

  private HikariPools() {}

  /**
   * A pool the store built.
   *
   * @param dataSource where connections come from
   * @param closer closes the pool
   * @param boundedAtConnect whether every connection was set up so that the server itself ends a
   *     statement, and a wait for a lock, at the store's timeout; statements then need no timeout
   *     of their own
   */
  record Pool(DataSource dataSource, AutoCloseable closer, boolean boundedAtConnect) {}

  /**
   * Opens a pool whose every wait is bounded by the store's timeout: getting a connection,
   * validating it, opening a socket and reading from it, and, on the server, running a statement
   * and waiting for a lock.
   *
   * <p>On PostgreSQL each new connection sets {@code lock_timeout} and {@code statement_timeout} to
   * the timeout, so a locked row or a slow statement ends on the server with an error, and
   * statements carry no client-side timeout (which PgJDBC runs as a timer task per statement and
   * ends with a cancel request over a second connection). On H2 each connection sets {@code
   * LOCK_TIMEOUT}, which H2's query timeout does not cover. MySQL/MariaDB keep the per-statement
   * timeout: MariaDB Connector/J sends it to a MariaDB server as {@code SET STATEMENT
   * max_statement_time=… FOR …}, which ends lock waits too, while MySQL has no such setting.
   *
   * <p>The socket timeout is two seconds longer than the statement timeout, so that the server ends
   * a slow statement first; it is what ends a call when the database stops answering altogether.
   * Settings in the URL win over the driver properties set here; the session settings of the
   * connection set-up statement apply in any case.
   *
   * <p>When a statement finds the database gone (a restart, say), {@link PoolEviction} replaces
   * every pooled connection at once and logs one line, instead of HikariCP's warning with a stack
   * trace for each connection as each one fails in turn.
   *
   * @throws dev.sessionkit.SessionStoreException when the database cannot be reached
   */
  static Pool open(JdbcUrl jdbcUrl, Duration timeout) {
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
    boolean boundedAtConnect = false;
    if (url.startsWith("jdbc:postgresql:")) {
      config.addDataSourceProperty("connectTimeout", String.valueOf(socketSeconds));
      config.addDataSourceProperty("loginTimeout", String.valueOf(socketSeconds));
      config.addDataSourceProperty("socketTimeout", String.valueOf(socketSeconds));
      // Only a statement cancelled from the client (never, with the timeouts below) would use
      // this; ten seconds by default.
      config.addDataSourceProperty("cancelSignalTimeout", String.valueOf((millis + 999) / 1000));
      config.setConnectionInitSql(
          "SET lock_timeout = " + millis + "; SET statement_timeout = " + millis);
      boundedAtConnect = true;
    } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      config.addDataSourceProperty("connectTimeout", String.valueOf(socketMillis));
      config.addDataSourceProperty("socketTimeout", String.valueOf(socketMillis));
    } else if (url.startsWith("jdbc:h2:")) {
      config.setConnectionInitSql("SET LOCK_TIMEOUT " + millis);
    }
    // A lost database evicts the whole pool with one log line, not a stack trace per connection.
    PoolEviction eviction = new PoolEviction();
    config.setExceptionOverride(eviction);
    try {
      HikariDataSource pool = new HikariDataSource(config);
      eviction.attach(pool.getHikariPoolMXBean());
      return new Pool(pool, pool, boundedAtConnect);
    } catch (HikariPool.PoolInitializationException e) {
      throw SqlFailures.translate("open a connection pool", e);
    }
  }
}
