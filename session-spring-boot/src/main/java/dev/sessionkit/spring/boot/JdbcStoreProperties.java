package dev.sessionkit.spring.boot;

import java.time.Duration;

/** {@code sessionkit.jdbc.*}: the JDBC store. */
public class JdbcStoreProperties {

  /** Creates the settings with every value unset; Spring binds them. */
  public JdbcStoreProperties() {}

  /** A JDBC URL for a pool of the store's own (HikariCP). Unset: the application's DataSource. */
  private String url;

  /** The user for url, when the URL does not carry it. */
  private String username;

  /** The password for url, when the URL does not carry it. */
  private String password;

  /** The table, optionally schema-qualified; default sessionkit_sessions. */
  private String tableName;

  /**
   * Whether to create the table and its indexes at start-up when they are missing; default true.
   */
  private Boolean createTable;

  /** Whether the store deletes expired rows in the background; default true. */
  private Boolean sweeper;

  /** How often the background sweep runs; default 1 minute. */
  private Duration sweepInterval;

  /**
   * Bounds each statement, a wait for a row lock included, and the wait for a pooled connection;
   * default 1 second.
   */
  private Duration timeout;

  /**
   * Returns the URL.
   *
   * @return the URL, or null
   */
  public String getUrl() {
    return url;
  }

  /**
   * Sets the URL.
   *
   * @param url the URL
   */
  public void setUrl(String url) {
    this.url = url;
  }

  /**
   * Returns the user.
   *
   * @return the user, or null
   */
  public String getUsername() {
    return username;
  }

  /**
   * Sets the user.
   *
   * @param username the user
   */
  public void setUsername(String username) {
    this.username = username;
  }

  /**
   * Returns the password.
   *
   * @return the password, or null
   */
  public String getPassword() {
    return password;
  }

  /**
   * Sets the password.
   *
   * @param password the password
   */
  public void setPassword(String password) {
    this.password = password;
  }

  /**
   * Returns the table name.
   *
   * @return the name, or null for the default
   */
  public String getTableName() {
    return tableName;
  }

  /**
   * Sets the table name.
   *
   * @param tableName the name
   */
  public void setTableName(String tableName) {
    this.tableName = tableName;
  }

  /**
   * Returns whether the table is created at start-up.
   *
   * @return the switch, or null for the default
   */
  public Boolean getCreateTable() {
    return createTable;
  }

  /**
   * Sets whether the table is created at start-up.
   *
   * @param createTable the switch
   */
  public void setCreateTable(Boolean createTable) {
    this.createTable = createTable;
  }

  /**
   * Returns whether the background sweep runs.
   *
   * @return the switch, or null for the default
   */
  public Boolean getSweeper() {
    return sweeper;
  }

  /**
   * Sets whether the background sweep runs.
   *
   * @param sweeper the switch
   */
  public void setSweeper(Boolean sweeper) {
    this.sweeper = sweeper;
  }

  /**
   * Returns the sweep period.
   *
   * @return the period, or null for the default
   */
  public Duration getSweepInterval() {
    return sweepInterval;
  }

  /**
   * Sets the sweep period.
   *
   * @param sweepInterval the period
   */
  public void setSweepInterval(Duration sweepInterval) {
    this.sweepInterval = sweepInterval;
  }

  /**
   * Returns the timeout.
   *
   * @return the timeout, or null for the default
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets the timeout.
   *
   * @param timeout the timeout
   */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }
}
