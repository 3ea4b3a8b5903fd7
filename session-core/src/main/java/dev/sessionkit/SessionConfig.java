package dev.sessionkit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every setting of the session engine, immutable and validated once by {@link Builder#build()}. The
 * policy switches keep express-session's meanings.
 */
public final class SessionConfig {

  /** Default idle timeout: 30 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** Default absolute timeout, counted from creation: 12 hours. */
  public static final Duration DEFAULT_ABSOLUTE_TIMEOUT = Duration.ofHours(12);

  /**
   * Default touch interval: an unchanged session's last access is written at most once a minute.
   */
  public static final Duration DEFAULT_TOUCH_INTERVAL = Duration.ofSeconds(60);

  private final KeyRing keyRing;
  private final CookieSettings cookie;
  private final boolean resave;
  private final boolean saveUninitialized;
  private final boolean rolling;
  private final Duration idleTimeout;
  private final Duration absoluteTimeout;
  private final Duration touchInterval;
  private final Clock clock;
  private final SessionListener listener;
  private final Set<Class<?>> untypedAllowList;
  private final JsonMapper jsonMapper;
  private final SecureRandom random;

  private SessionConfig(Builder b) {
    this.keyRing = b.keyRing;
    this.cookie = b.cookie;
    this.resave = b.resave;
    this.saveUninitialized = b.saveUninitialized;
    this.rolling = b.rolling;
    this.idleTimeout = b.idleTimeout;
    this.absoluteTimeout = b.absoluteTimeout;
    this.touchInterval = b.touchInterval;
    this.clock = b.clock;
    this.listener = b.listener;
    this.untypedAllowList = Set.copyOf(b.untypedAllowList);
    this.jsonMapper = b.jsonMapper;
    this.random = b.random;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the keys that sign cookies.
   *
   * @return the key ring
   */
  public KeyRing keyRing() {
    return keyRing;
  }

  /**
   * Returns the cookie settings.
   *
   * @return the cookie settings
   */
  public CookieSettings cookie() {
    return cookie;
  }

  /**
   * Returns whether an unmodified session is saved back on every request that uses it.
   *
   * @return the resave switch
   */
  public boolean resave() {
    return resave;
  }

  /**
   * Returns whether a new session is saved (and its cookie set) even when nothing was stored in it.
   *
   * @return the saveUninitialized switch
   */
  public boolean saveUninitialized() {
    return saveUninitialized;
  }

  /**
   * Returns whether the cookie is set again on every response that uses the session.
   *
   * @return the rolling switch
   */
  public boolean rolling() {
    return rolling;
  }

  /**
   * Returns how long a session lives without use (new sessions; a session may change its own).
   *
   * @return the idle timeout
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * Returns how long a session lives after creation however much it is used.
   *
   * @return the absolute timeout, or empty when switched off
   */
  public Optional<Duration> absoluteTimeout() {
    return Optional.ofNullable(absoluteTimeout);
  }

  /**
   * Returns the least time between two writes of an unchanged session's last access.
   *
   * @return the touch interval
   */
  public Duration touchInterval() {
    return touchInterval;
  }

  /**
   * Returns the clock every deadline is read from.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the listener for session events.
   *
   * @return the listener
   */
  public SessionListener listener() {
    return listener;
  }

  /**
   * Returns the classes an untyped read may return, besides JSON's own types.
   *
   * @return the allow-list
   */
  public Set<Class<?>> untypedAllowList() {
    return untypedAllowList;
  }

  /**
   * Returns the JSON mapper for attribute values.
   *
   * @return the mapper
   */
  public JsonMapper jsonMapper() {
    return jsonMapper;
  }

  /**
   * Returns the source of session ids.
   *
   * @return the random source
   */
  public SecureRandom random() {
    return random;
  }

  /** Builds a {@link SessionConfig}. Each setting may be given once. Not thread-safe. */
  public static final class Builder {
    private KeyRing keyRing;
    private CookieSettings cookie;
    private Boolean resaveSet;
    private boolean resave;
    private Boolean saveUninitializedSet;
    private boolean saveUninitialized;
    private Boolean rollingSet;
    private boolean rolling;
    private Duration idleTimeout;
    private Duration absoluteTimeout = DEFAULT_ABSOLUTE_TIMEOUT;
    private boolean absoluteTimeoutSet;
    private Duration touchInterval;
    private Clock clock;
    private SessionListener listener;
    private final Set<Class<?>> untypedAllowList = new LinkedHashSet<>();
    private JsonMapper jsonMapper;
    private SecureRandom random;

    private Builder() {}

    /**
     * Sets the secrets, first one active (express-session's {@code secret}).
     *
     * @param secrets one or more secrets of at least 32 bytes
     * @return this builder
     */
    public Builder secret(String... secrets) {
      return keyRing(KeyRing.of(secrets));
    }

    /**
     * Sets the key ring.
     *
     * @param keyRing the keys
     * @return this builder
     */
    public Builder keyRing(KeyRing keyRing) {
      requireUnset(this.keyRing, "secret");
      this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
      return this;
    }

    /**
     * Sets the cookie settings; default {@link CookieSettings#defaults()}.
     *
     * @param cookie the settings
     * @return this builder
     */
    public Builder cookie(CookieSettings cookie) {
      requireUnset(this.cookie, "cookie");
      this.cookie = Objects.requireNonNull(cookie, "cookie");
      return this;
    }

    /**
     * Sets express-session's {@code resave}; default false.
     *
     * @param resave whether to save unmodified sessions
     * @return this builder
     */
    public Builder resave(boolean resave) {
      requireUnset(resaveSet, "resave");
      this.resaveSet = resave;
      this.resave = resave;
      return this;
    }

    /**
     * Sets express-session's {@code saveUninitialized}; default false.
     *
     * @param saveUninitialized whether to save new, empty sessions
     * @return this builder
     */
    public Builder saveUninitialized(boolean saveUninitialized) {
      requireUnset(saveUninitializedSet, "saveUninitialized");
      this.saveUninitializedSet = saveUninitialized;
      this.saveUninitialized = saveUninitialized;
      return this;
    }

    /**
     * Sets express-session's {@code rolling}; default false.
     *
     * @param rolling whether to set the cookie on every response that uses the session
     * @return this builder
     */
    public Builder rolling(boolean rolling) {
      requireUnset(rollingSet, "rolling");
      this.rollingSet = rolling;
      this.rolling = rolling;
      return this;
    }

    /**
     * Sets the idle timeout; default {@link SessionConfig#DEFAULT_IDLE_TIMEOUT}.
     *
     * @param idleTimeout a positive duration
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      requireUnset(this.idleTimeout, "idleTimeout");
      this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * Sets the absolute timeout; default {@link SessionConfig#DEFAULT_ABSOLUTE_TIMEOUT}; null
     * switches it off.
     *
     * @param absoluteTimeout a positive duration, or null for none
     * @return this builder
     */
    public Builder absoluteTimeout(Duration absoluteTimeout) {
      if (absoluteTimeoutSet) {
        throw new IllegalStateException("absoluteTimeout was already set");
      }
      this.absoluteTimeoutSet = true;
      this.absoluteTimeout = absoluteTimeout;
      return this;
    }

    /**
     * Sets the touch interval; default {@link SessionConfig#DEFAULT_TOUCH_INTERVAL}. Zero writes
     * the last access on every request.
     *
     * @param touchInterval zero or positive, less than the idle timeout
     * @return this builder
     */
    public Builder touchInterval(Duration touchInterval) {
      requireUnset(this.touchInterval, "touchInterval");
      this.touchInterval = Objects.requireNonNull(touchInterval, "touchInterval");
      return this;
    }

    /**
     * Sets the clock; default the system clock in UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the listener for session events; default {@link SessionListener#NONE}.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SessionListener listener) {
      requireUnset(this.listener, "listener");
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Allows untyped reads ({@code HttpSession.getAttribute}) to return these classes. Values of
     * other classes read back as JSON's own types.
     *
     * @param types classes that Jackson can write and read
     * @return this builder
     */
    public Builder allowUntyped(Class<?>... types) {
      untypedAllowList.addAll(List.of(types));
      return this;
    }

    /**
     * Sets the JSON mapper for attribute values (for modules or custom serializers); default a
     * plain {@link JsonMapper}. Default typing must stay off.
     *
     * @param jsonMapper the mapper
     * @return this builder
     */
    public Builder jsonMapper(JsonMapper jsonMapper) {
      requireUnset(this.jsonMapper, "jsonMapper");
      this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
      return this;
    }

    /**
     * Sets the source of session ids; default a new {@link SecureRandom}.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      requireUnset(this.random, "random");
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the config
     * @throws IllegalStateException when no secret is given or settings conflict
     * @throws IllegalArgumentException when a duration is out of range
     */
    public SessionConfig build() {
      if (keyRing == null) {
        throw new IllegalStateException("a secret is required: call secret(...) or keyRing(...)");
      }
      cookie = cookie == null ? CookieSettings.defaults() : cookie;
      idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
      touchInterval = touchInterval == null ? DEFAULT_TOUCH_INTERVAL : touchInterval;
      clock = clock == null ? Clock.systemUTC() : clock;
      listener = listener == null ? SessionListener.NONE : listener;
      jsonMapper = jsonMapper == null ? JsonMapper.builder().build() : jsonMapper;
      random = random == null ? new SecureRandom() : random;
      requirePositive(idleTimeout, "idleTimeout");
      if (absoluteTimeout != null) {
        requirePositive(absoluteTimeout, "absoluteTimeout");
      }
      if (touchInterval.isNegative()) {
        throw new IllegalArgumentException("touchInterval must not be negative: " + touchInterval);
      }
      if (touchInterval.compareTo(idleTimeout) >= 0) {
        throw new IllegalStateException(
            "touchInterval ("
                + touchInterval
                + ") must be shorter than idleTimeout ("
                + idleTimeout
                + ")");
      }
      return new SessionConfig(this);
    }

    private static void requireUnset(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    private static void requirePositive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
    }
  }
}
