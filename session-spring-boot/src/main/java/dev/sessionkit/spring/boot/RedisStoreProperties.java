package dev.sessionkit.spring.boot;

import java.time.Duration;

/** {@code sessionkit.redis.*}: the Redis store. */
public class RedisStoreProperties {

  /** Creates the settings with every value unset; Spring binds them. */
  public RedisStoreProperties() {}

  /**
   * The Redis URI (redis://, rediss://, redis-sentinel://). Unset: the connection
   * spring.data.redis.* describes.
   */
  private String uri;

  /** The prefix of every key; default sessionkit:. */
  private String keyPrefix;

  /** Bounds every store call; default spring.data.redis.timeout when set, else 2 seconds. */
  private Duration timeout;

  /**
   * Whether to tell the session listeners of sessions Redis expires (needs notify-keyspace-events
   * Ex on the server); default false.
   */
  private boolean expiryEvents;

  /**
   * Returns the URI.
   *
   * @return the URI, or null
   */
  public String getUri() {
    return uri;
  }

  /**
   * Sets the URI.
   *
   * @param uri the URI
   */
  public void setUri(String uri) {
    this.uri = uri;
  }

  /**
   * Returns the key prefix.
   *
   * @return the prefix, or null for the default
   */
  public String getKeyPrefix() {
    return keyPrefix;
  }

  /**
   * Sets the key prefix.
   *
   * @param keyPrefix the prefix
   */
  public void setKeyPrefix(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }

  /**
   * Returns the call timeout.
   *
   * @return the timeout, or null for the default
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets the call timeout.
   *
   * @param timeout the timeout
   */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Returns whether expiry events are on.
   *
   * @return the switch
   */
  public boolean isExpiryEvents() {
    return expiryEvents;
  }

  /**
   * Sets whether expiry events are on.
   *
   * @param expiryEvents the switch
   */
  public void setExpiryEvents(boolean expiryEvents) {
    this.expiryEvents = expiryEvents;
  }
}
