package dev.sessionkit.jdbc;

import java.util.Objects;

/**
 * Where a pool that the store builds and owns connects: {@link JdbcStoreBuilder#jdbcUrl}.
 *
 * @param url the JDBC URL
 * @param user the database user, or null
 * @param password the password, or null
 */
record JdbcUrl(String url, String user, String password) {

  JdbcUrl {
    Objects.requireNonNull(url, "jdbcUrl");
  }

  /** Leaves the password out, so that settings can be logged. */
  @Override
  public String toString() {
    return "JdbcUrl[url=" + url + ", user=" + user + "]";
  }
}
