package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pool the store builds replaces every connection at once when one finds the database gone,
 * instead of HikariCP evicting (and logging a stack trace for) each connection as it fails.
 */
class PoolEvictionTest {

  @Test
  void onlyConnectionLossCountsAsALostDatabase() {
    assertThat(PoolEviction.lostTheDatabase(new SQLException("reset", "08006"))).isTrue();
    assertThat(PoolEviction.lostTheDatabase(new SQLException("refused", "08001"))).isTrue();
    assertThat(PoolEviction.lostTheDatabase(new SQLException("admin shutdown", "57P01"))).isTrue();
    assertThat(PoolEviction.lostTheDatabase(new SQLException("canceled", "57014"))).isFalse();
    assertThat(PoolEviction.lostTheDatabase(new SQLException("lock", "55P03"))).isFalse();
    assertThat(PoolEviction.lostTheDatabase(new SQLException("no state"))).isFalse();
  }

  @Test
  void aLostDatabaseReplacesThePooledConnectionsAndSkipsHikarisOwnEviction() throws Exception {
    HikariPools.Pool pool =
        HikariPools.open(
            new JdbcUrl(
                "jdbc:h2:mem:eviction-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""),
            Duration.ofSeconds(1));
    try (HikariDataSource dataSource = (HikariDataSource) pool.dataSource()) {
      SQLExceptionOverride eviction = dataSource.getExceptionOverride();
      assertThat(eviction).isInstanceOf(PoolEviction.class);

      // Another failure leaves the connection in the pool: this thread gets it back.
      Connection first = physical(dataSource);
      assertThat(eviction.adjudicate(new SQLException("bad value", "22003")))
          .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
      assertThat(physical(dataSource)).isSameAs(first);

      // A lost database: the connection in use is not handed out again once returned.
      Connection held = dataSource.getConnection();
      Connection heldPhysical = held.unwrap(Connection.class);
      assertThat(eviction.adjudicate(new SQLException("terminating connection", "57P01")))
          .isEqualTo(SQLExceptionOverride.Override.DO_NOT_EVICT);
      held.close();
      assertThat(physical(dataSource)).isNotSameAs(heldPhysical);
    }
  }

  /** Borrows a connection, notes the driver's connection under it, and returns it to the pool. */
  private static Connection physical(HikariDataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return connection.unwrap(Connection.class);
    }
  }
}
