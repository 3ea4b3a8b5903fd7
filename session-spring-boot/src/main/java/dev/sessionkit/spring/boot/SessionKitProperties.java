package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionCapPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

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
   * How often a live session gets a new id, the old one still leading to it for the renewal grace;
   * default 15 minutes. 0 switches renewal off.
   */
  private Duration renewalInterval;

  /** How long a renewed session's old id still leads to it; default 30 seconds. */
  private Duration renewalGrace;

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
  @NestedConfigurationProperty private final CookieProperties cookie = new CookieProperties();

  /** The servlet filter. */
  @NestedConfigurationProperty private final FilterProperties filter = new FilterProperties();

  /** The memory store (store=memory). */
  @NestedConfigurationProperty
  private final MemoryStoreProperties memory = new MemoryStoreProperties();

  /** The Redis store (store=redis). */
  @NestedConfigurationProperty
  private final RedisStoreProperties redis = new RedisStoreProperties();

  /** The JDBC store (store=jdbc). */
  @NestedConfigurationProperty private final JdbcStoreProperties jdbc = new JdbcStoreProperties();

  /** How SessionKit works with Spring Security. */
  @NestedConfigurationProperty
  private final SpringSecurityProperties security = new SpringSecurityProperties();

  /** The store's place in Actuator's health groups. */
  @NestedConfigurationProperty private final HealthProperties health = new HealthProperties();

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
   * Returns the renewal interval.
   *
   * @return the interval, zero for no renewal, or null for the default
   */
  public Duration getRenewalInterval() {
    return renewalInterval;
  }

  /**
   * Sets the renewal interval; zero switches renewal off.
   *
   * @param renewalInterval the interval
   */
  public void setRenewalInterval(Duration renewalInterval) {
    this.renewalInterval = renewalInterval;
  }

  /**
   * Returns the renewal grace.
   *
   * @return the grace, or null for the default
   */
  public Duration getRenewalGrace() {
    return renewalGrace;
  }

  /**
   * Sets the renewal grace.
   *
   * @param renewalGrace the grace
   */
  public void setRenewalGrace(Duration renewalGrace) {
    this.renewalGrace = renewalGrace;
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
  public CookieProperties getCookie() {
    return cookie;
  }

  /**
   * Returns the filter settings.
   *
   * @return the filter settings
   */
  public FilterProperties getFilter() {
    return filter;
  }

  /**
   * Returns the memory store's settings.
   *
   * @return the memory store's settings
   */
  public MemoryStoreProperties getMemory() {
    return memory;
  }

  /**
   * Returns the Redis store's settings.
   *
   * @return the Redis store's settings
   */
  public RedisStoreProperties getRedis() {
    return redis;
  }

  /**
   * Returns the JDBC store's settings.
   *
   * @return the JDBC store's settings
   */
  public JdbcStoreProperties getJdbc() {
    return jdbc;
  }

  /**
   * Returns the Spring Security settings.
   *
   * @return the Spring Security settings
   */
  public SpringSecurityProperties getSecurity() {
    return security;
  }

  /**
   * Returns the health settings.
   *
   * @return the health settings
   */
  public HealthProperties getHealth() {
    return health;
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
}
