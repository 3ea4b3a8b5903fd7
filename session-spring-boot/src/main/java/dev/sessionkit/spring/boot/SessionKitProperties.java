package dev.sessionkit.spring.boot;

import dev.sessionkit.SameSite;
import dev.sessionkit.SecureMode;
import dev.sessionkit.SessionCapPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sessionkit.*} properties. Every setting left unset keeps SessionKit's own default (the
 * one {@code SessionConfig.builder()} or the store's builder applies), or the matching {@code
 * server.servlet.session.*} property when the application sets that.
 */
@ConfigurationProperties(prefix = SessionKitProperties.PREFIX)
public class SessionKitProperties {

  /** The prefix of every property here. */
  public static final String PREFIX = "sessionkit";

  /**
   * Where sessions live: memory (this process, the default), redis, jdbc, or cookie (sealed
   * client-side sessions, nothing kept on the server).
   */
  private StoreType store = StoreType.MEMORY;

  /**
   * The secret that signs session cookies, at least 32 bytes. Required, unless secrets is set. Keep
   * it out of the code: an environment variable (SESSIONKIT_SECRET) or a secret store.
   */
  private String secret;

  /**
   * Several secrets, for rotation: the first signs, every one verifies. Give either this or secret.
   */
  private List<String> secrets = new ArrayList<>();

  /**
   * How long a session lives without a request; default 30 minutes. Takes precedence over
   * server.servlet.session.timeout.
   */
  private Duration idleTimeout;

  /** How long a session lives at most, however active; default 12 hours. 0 switches it off. */
  private Duration absoluteTimeout;

  /**
   * The least time between two writes of an unchanged session's last access; default 1 minute. 0
   * writes it on every request.
   */
  private Duration touchInterval;

  /**
   * Whether to save a session that was not modified on every request (express-session's resave).
   */
  private Boolean resave;

  /** Whether to save new sessions that hold nothing yet (express-session's saveUninitialized). */
  private Boolean saveUninitialized;

  /** Whether to send the cookie again on every response that uses the session (rolling expiry). */
  private Boolean rolling;

  /** The most live sessions one principal may have; unset for no cap. Not with store=cookie. */
  private Integer maxSessionsPerPrincipal;

  /**
   * What a login past max-sessions-per-principal does: end-oldest ends the least recently used
   * session; refuse answers the login 409.
   */
  private SessionCapPolicy capPolicy = SessionCapPolicy.END_OLDEST;

  /** The session cookie. */
  private final Cookie cookie = new Cookie();

  /** The servlet filter. */
  private final Filter filter = new Filter();

  /** The memory store (store=memory). */
  private final Memory memory = new Memory();

  /** The Redis store (store=redis). */
  private final Redis redis = new Redis();

  /** The JDBC store (store=jdbc). */
  private final Jdbc jdbc = new Jdbc();

  /** Spring Security's session attributes. */
  private final Security security = new Security();

  /**
   * Returns where sessions live.
   *
   * @return the store type
   */
  public StoreType getStore() {
    return store;
  }

  /**
   * Sets where sessions live.
   *
   * @param store the store type
   */
  public void setStore(StoreType store) {
    this.store = store;
  }

  /**
   * Returns the signing secret.
   *
   * @return the secret, or null
   */
  public String getSecret() {
    return secret;
  }

  /**
   * Sets the signing secret.
   *
   * @param secret the secret
   */
  public void setSecret(String secret) {
    this.secret = secret;
  }

  /**
   * Returns the secrets for rotation, first one signing.
   *
   * @return the secrets, possibly empty
   */
  public List<String> getSecrets() {
    return secrets;
  }

  /**
   * Sets the secrets for rotation, first one signing.
   *
   * @param secrets the secrets
   */
  public void setSecrets(List<String> secrets) {
    this.secrets = secrets;
  }

  /**
   * Returns the idle timeout.
   *
   * @return the timeout, or null for the default
   */
  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /**
   * Sets the idle timeout.
   *
   * @param idleTimeout the timeout
   */
  public void setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  /**
   * Returns the absolute timeout.
   *
   * @return the timeout, zero for none, or null for the default
   */
  public Duration getAbsoluteTimeout() {
    return absoluteTimeout;
  }

  /**
   * Sets the absolute timeout; zero switches it off.
   *
   * @param absoluteTimeout the timeout
   */
  public void setAbsoluteTimeout(Duration absoluteTimeout) {
    this.absoluteTimeout = absoluteTimeout;
  }

  /**
   * Returns the touch interval.
   *
   * @return the interval, or null for the default
   */
  public Duration getTouchInterval() {
    return touchInterval;
  }

  /**
   * Sets the touch interval.
   *
   * @param touchInterval the interval
   */
  public void setTouchInterval(Duration touchInterval) {
    this.touchInterval = touchInterval;
  }

  /**
   * Returns express-session's resave.
   *
   * @return the switch, or null for the default
   */
  public Boolean getResave() {
    return resave;
  }

  /**
   * Sets express-session's resave.
   *
   * @param resave the switch
   */
  public void setResave(Boolean resave) {
    this.resave = resave;
  }

  /**
   * Returns express-session's saveUninitialized.
   *
   * @return the switch, or null for the default
   */
  public Boolean getSaveUninitialized() {
    return saveUninitialized;
  }

  /**
   * Sets express-session's saveUninitialized.
   *
   * @param saveUninitialized the switch
   */
  public void setSaveUninitialized(Boolean saveUninitialized) {
    this.saveUninitialized = saveUninitialized;
  }

  /**
   * Returns express-session's rolling.
   *
   * @return the switch, or null for the default
   */
  public Boolean getRolling() {
    return rolling;
  }

  /**
   * Sets express-session's rolling.
   *
   * @param rolling the switch
   */
  public void setRolling(Boolean rolling) {
    this.rolling = rolling;
  }

  /**
   * Returns the cap of live sessions per principal.
   *
   * @return the cap, or null for none
   */
  public Integer getMaxSessionsPerPrincipal() {
    return maxSessionsPerPrincipal;
  }

  /**
   * Sets the cap of live sessions per principal.
   *
   * @param maxSessionsPerPrincipal the cap, at least 1
   */
  public void setMaxSessionsPerPrincipal(Integer maxSessionsPerPrincipal) {
    this.maxSessionsPerPrincipal = maxSessionsPerPrincipal;
  }

  /**
   * Returns what a login past the cap does.
   *
   * @return the policy
   */
  public SessionCapPolicy getCapPolicy() {
    return capPolicy;
  }

  /**
   * Sets what a login past the cap does.
   *
   * @param capPolicy the policy
   */
  public void setCapPolicy(SessionCapPolicy capPolicy) {
    this.capPolicy = capPolicy;
  }

  /**
   * Returns the cookie settings.
   *
   * @return the cookie settings
   */
  public Cookie getCookie() {
    return cookie;
  }

  /**
   * Returns the filter settings.
   *
   * @return the filter settings
   */
  public Filter getFilter() {
    return filter;
  }

  /**
   * Returns the memory store's settings.
   *
   * @return the memory store's settings
   */
  public Memory getMemory() {
    return memory;
  }

  /**
   * Returns the Redis store's settings.
   *
   * @return the Redis store's settings
   */
  public Redis getRedis() {
    return redis;
  }

  /**
   * Returns the JDBC store's settings.
   *
   * @return the JDBC store's settings
   */
  public Jdbc getJdbc() {
    return jdbc;
  }

  /**
   * Returns the Spring Security settings.
   *
   * @return the Spring Security settings
   */
  public Security getSecurity() {
    return security;
  }

  /** Where sessions live. */
  public enum StoreType {
    /** In this process: bounded, expiring, gone at restart. */
    MEMORY,
    /** In Redis, through Lettuce. */
    REDIS,
    /** In a SQL table: PostgreSQL, MySQL/MariaDB or H2. */
    JDBC,
    /** Nowhere on the server: the whole session sealed (AES-GCM) in its cookie. */
    COOKIE
  }

  /**
   * {@code sessionkit.cookie.*}: the session cookie; each takes precedence over
   * server.servlet.session.cookie.*.
   */
  public static class Cookie {

    /** The cookie name (without __Host-); default sid. */
    private String name;

    /** The cookie path; default /. */
    private String path;

    /** The cookie domain; default none (host-only). */
    private String domain;

    /** The cookie lifetime; default none (a cookie that ends with the browser session). */
    private Duration maxAge;

    /** Whether page scripts are denied the cookie; default true. */
    private Boolean httpOnly;

    /**
     * When the cookie is marked Secure: always (the default), never, or auto (when the request came
     * over HTTPS).
     */
    private SecureMode secure;

    /** The SameSite attribute: lax (the default), strict or none (needs secure=always). */
    private SameSite sameSite;

    /** Whether the cookie is Partitioned (CHIPS; needs secure=always); default false. */
    private Boolean partitioned;

    /** Whether the name carries the __Host- prefix (Secure, host-only, path /); default false. */
    private Boolean hostPrefix;

    /**
     * Returns the name.
     *
     * @return the name, or null for the default
     */
    public String getName() {
      return name;
    }

    /**
     * Sets the name.
     *
     * @param name the name
     */
    public void setName(String name) {
      this.name = name;
    }

    /**
     * Returns the path.
     *
     * @return the path, or null for the default
     */
    public String getPath() {
      return path;
    }

    /**
     * Sets the path.
     *
     * @param path the path
     */
    public void setPath(String path) {
      this.path = path;
    }

    /**
     * Returns the domain.
     *
     * @return the domain, or null for none
     */
    public String getDomain() {
      return domain;
    }

    /**
     * Sets the domain.
     *
     * @param domain the domain
     */
    public void setDomain(String domain) {
      this.domain = domain;
    }

    /**
     * Returns the max-age.
     *
     * @return the max-age, or null for a browser-session cookie
     */
    public Duration getMaxAge() {
      return maxAge;
    }

    /**
     * Sets the max-age.
     *
     * @param maxAge the max-age
     */
    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }

    /**
     * Returns the HttpOnly flag.
     *
     * @return the flag, or null for the default
     */
    public Boolean getHttpOnly() {
      return httpOnly;
    }

    /**
     * Sets the HttpOnly flag.
     *
     * @param httpOnly the flag
     */
    public void setHttpOnly(Boolean httpOnly) {
      this.httpOnly = httpOnly;
    }

    /**
     * Returns when the cookie is Secure.
     *
     * @return the mode, or null for the default
     */
    public SecureMode getSecure() {
      return secure;
    }

    /**
     * Sets when the cookie is Secure.
     *
     * @param secure the mode
     */
    public void setSecure(SecureMode secure) {
      this.secure = secure;
    }

    /**
     * Returns the SameSite attribute.
     *
     * @return the value, or null for the default
     */
    public SameSite getSameSite() {
      return sameSite;
    }

    /**
     * Sets the SameSite attribute.
     *
     * @param sameSite the value
     */
    public void setSameSite(SameSite sameSite) {
      this.sameSite = sameSite;
    }

    /**
     * Returns the Partitioned flag.
     *
     * @return the flag, or null for the default
     */
    public Boolean getPartitioned() {
      return partitioned;
    }

    /**
     * Sets the Partitioned flag.
     *
     * @param partitioned the flag
     */
    public void setPartitioned(Boolean partitioned) {
      this.partitioned = partitioned;
    }

    /**
     * Returns the __Host- prefix mode.
     *
     * @return the mode, or null for the default
     */
    public Boolean getHostPrefix() {
      return hostPrefix;
    }

    /**
     * Sets the __Host- prefix mode.
     *
     * @param hostPrefix the mode
     */
    public void setHostPrefix(Boolean hostPrefix) {
      this.hostPrefix = hostPrefix;
    }
  }

  /** {@code sessionkit.filter.*}: the servlet filter. */
  public static class Filter {

    /**
     * The filter's order; default Ordered.HIGHEST_PRECEDENCE + 50. Must stay before Spring
     * Security's filter chain (spring.security.filter.order, -100 by default), or start-up fails.
     */
    private int order = SessionKitAutoConfiguration.DEFAULT_FILTER_ORDER;

    /**
     * Whether to trust X-Forwarded-Proto for cookie.secure=auto; only behind a proxy that always
     * sets it.
     */
    private boolean trustForwardedProto;

    /**
     * Whether sessions are bound to the browser family and OS they were made for (a stolen cookie
     * replayed from another kind of browser is refused).
     */
    private boolean bindUserAgent;

    /**
     * Returns the order.
     *
     * @return the order
     */
    public int getOrder() {
      return order;
    }

    /**
     * Sets the order.
     *
     * @param order the order
     */
    public void setOrder(int order) {
      this.order = order;
    }

    /**
     * Returns whether X-Forwarded-Proto is trusted.
     *
     * @return the switch
     */
    public boolean isTrustForwardedProto() {
      return trustForwardedProto;
    }

    /**
     * Sets whether X-Forwarded-Proto is trusted.
     *
     * @param trustForwardedProto the switch
     */
    public void setTrustForwardedProto(boolean trustForwardedProto) {
      this.trustForwardedProto = trustForwardedProto;
    }

    /**
     * Returns whether sessions are bound to the browser family.
     *
     * @return the switch
     */
    public boolean isBindUserAgent() {
      return bindUserAgent;
    }

    /**
     * Sets whether sessions are bound to the browser family.
     *
     * @param bindUserAgent the switch
     */
    public void setBindUserAgent(boolean bindUserAgent) {
      this.bindUserAgent = bindUserAgent;
    }
  }

  /** {@code sessionkit.memory.*}: the memory store. */
  public static class Memory {

    /** The most sessions kept; past it the least likely to be used are evicted. Default 100000. */
    private Long maximumSize;

    /** A file the sessions are written to at shutdown and read back at start-up; default none. */
    private Path snapshotFile;

    /**
     * Returns the bound.
     *
     * @return the bound, or null for the default
     */
    public Long getMaximumSize() {
      return maximumSize;
    }

    /**
     * Sets the bound.
     *
     * @param maximumSize the bound
     */
    public void setMaximumSize(Long maximumSize) {
      this.maximumSize = maximumSize;
    }

    /**
     * Returns the snapshot file.
     *
     * @return the file, or null for none
     */
    public Path getSnapshotFile() {
      return snapshotFile;
    }

    /**
     * Sets the snapshot file.
     *
     * @param snapshotFile the file
     */
    public void setSnapshotFile(Path snapshotFile) {
      this.snapshotFile = snapshotFile;
    }
  }

  /** {@code sessionkit.redis.*}: the Redis store. */
  public static class Redis {

    /**
     * The Redis URI (redis://, rediss://, redis-sentinel://). Unset: the connection
     * spring.data.redis.* describes.
     */
    private String uri;

    /** The prefix of every key; default sessionkit:. */
    private String keyPrefix;

    /** Bounds every store call; default spring.data.redis.timeout when set, else 2 seconds. */
    private Duration timeout;

    /** Whether to count sessions Redis expires (needs notify-keyspace-events Ex on the server). */
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

  /** {@code sessionkit.jdbc.*}: the JDBC store. */
  public static class Jdbc {

    /** A JDBC URL for a pool of the store's own (HikariCP). Unset: the application's DataSource. */
    private String url;

    /** The user for url, when the URL does not carry it. */
    private String username;

    /** The password for url, when the URL does not carry it. */
    private String password;

    /** The table, optionally schema-qualified; default sessionkit_sessions. */
    private String tableName;

    /** Whether to create the table and its indexes at start-up when they are missing. */
    private boolean createTable = true;

    /** Whether the store deletes expired rows in the background; default true. */
    private Boolean sweeper;

    /** How often the background sweep runs; default 1 minute. */
    private Duration sweepInterval;

    /** Bounds each statement, a wait for a row lock included; default 1 second. */
    private Duration queryTimeout;

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
     * @return the switch
     */
    public boolean isCreateTable() {
      return createTable;
    }

    /**
     * Sets whether the table is created at start-up.
     *
     * @param createTable the switch
     */
    public void setCreateTable(boolean createTable) {
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
     * Returns the statement timeout.
     *
     * @return the timeout, or null for the default
     */
    public Duration getQueryTimeout() {
      return queryTimeout;
    }

    /**
     * Sets the statement timeout.
     *
     * @param queryTimeout the timeout
     */
    public void setQueryTimeout(Duration queryTimeout) {
      this.queryTimeout = queryTimeout;
    }
  }

  /** {@code sessionkit.security.*}: Spring Security's session attributes. */
  public static class Security {

    /**
     * Whether Spring Security's session attributes (security context, saved request, CSRF token,
     * last authentication error) are registered, so that they are stored as JSON through Spring
     * Security's own Jackson modules. On when Spring Security is on the class path.
     */
    private boolean attributes = true;

    /**
     * Returns whether Spring Security's attributes are registered.
     *
     * @return the switch
     */
    public boolean isAttributes() {
      return attributes;
    }

    /**
     * Sets whether Spring Security's attributes are registered.
     *
     * @param attributes the switch
     */
    public void setAttributes(boolean attributes) {
      this.attributes = attributes;
    }
  }
}
