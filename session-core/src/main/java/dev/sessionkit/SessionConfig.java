package dev.sessionkit;

import dev.sessionkit.spi.Settings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
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

  private SessionConfig(
      KeyRing keyRing,
      CookieSettings cookie,
      boolean resave,
      boolean saveUninitialized,
      boolean rolling,
      Duration idleTimeout,
      Duration absoluteTimeout,
      Duration touchInterval,
      Clock clock,
      SessionListener listener,
      Set<Class<?>> untypedAllowList,
      JsonMapper jsonMapper,
      SecureRandom random) {
    this.keyRing = keyRing;
    this.cookie = cookie;
    this.resave = resave;
    this.saveUninitialized = saveUninitialized;
    this.rolling = rolling;
    this.idleTimeout = idleTimeout;
    this.absoluteTimeout = absoluteTimeout;
    this.touchInterval = touchInterval;
    this.clock = clock;
    this.listener = listener;
    this.untypedAllowList = Set.copyOf(untypedAllowList);
    this.jsonMapper = jsonMapper;
    this.random = random;
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

  /**
   * Builds a {@link SessionConfig}. Each setting may be given once; {@link #build()} applies the
   * defaults and checks the whole, and may be called again. Not thread-safe.
   */
  public static final class Builder {
    private KeyRing keyRing;
    private CookieSettings cookie;
    private Boolean resave;
    private Boolean saveUninitialized;
    private Boolean rolling;
    private Duration idleTimeout;
    // null while unset; empty when switched off
    private Optional<Duration> absoluteTimeout;
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
     * @param secrets one or more secrets of at least {@value KeyRing#MIN_KEY_BYTES} bytes
     * @return this builder
     * @throws NullPointerException if a secret is null, with a message naming the setting (an
     *     environment variable that is not set reads as null)
     */
    public Builder secret(String... secrets) {
      Objects.requireNonNull(secrets, "secret");
      for (String secret : secrets) {
        if (secret == null) {
          throw new NullPointerException(
              "secret is null: the session secret is required (is the environment variable or"
                  + " property that holds it set?)");
        }
      }
      return keyRing(KeyRing.of(secrets));
    }

    /**
     * Sets the key ring.
     *
     * @param keyRing the keys
     * @return this builder
     */
    public Builder keyRing(KeyRing keyRing) {
      this.keyRing = Settings.once(this.keyRing, keyRing, "secret");
      return this;
    }

    /**
     * Sets the cookie settings; default {@link CookieSettings#defaults()}.
     *
     * @param cookie the settings
     * @return this builder
     */
    public Builder cookie(CookieSettings cookie) {
      this.cookie = Settings.once(this.cookie, cookie, "cookie");
      return this;
    }

    /**
     * Sets express-session's {@code resave}; default false.
     *
     * @param resave whether to save unmodified sessions
     * @return this builder
     */
    public Builder resave(boolean resave) {
      this.resave = Settings.once(this.resave, resave, "resave");
      return this;
    }

    /**
     * Sets express-session's {@code saveUninitialized}; default false.
     *
     * @param saveUninitialized whether to save new, empty sessions
     * @return this builder
     */
    public Builder saveUninitialized(boolean saveUninitialized) {
      this.saveUninitialized =
          Settings.once(this.saveUninitialized, saveUninitialized, "saveUninitialized");
      return this;
    }

    /**
     * Sets express-session's {@code rolling}; default false.
     *
     * @param rolling whether to set the cookie on every response that uses the session
     * @return this builder
     */
    public Builder rolling(boolean rolling) {
      this.rolling = Settings.once(this.rolling, rolling, "rolling");
      return this;
    }

    /**
     * Sets the idle timeout; default {@link SessionConfig#DEFAULT_IDLE_TIMEOUT}.
     *
     * @param idleTimeout a positive duration
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Settings.once(this.idleTimeout, idleTimeout, "idleTimeout");
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
      Settings.requireUnset(this.absoluteTimeout, "absoluteTimeout");
      this.absoluteTimeout = Optional.ofNullable(absoluteTimeout);
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
      this.touchInterval = Settings.once(this.touchInterval, touchInterval, "touchInterval");
      return this;
    }

    /**
     * Sets the clock; default the system clock in UTC. The engine hands it to the store it builds,
     * so every deadline is read from this one clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Settings.once(this.clock, clock, "clock");
      return this;
    }

    /**
     * Sets the listener for session events; default {@link SessionListener#NONE}. The engine hands
     * it to the store it builds, which reports expiry and eviction to it.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SessionListener listener) {
      this.listener = Settings.once(this.listener, listener, "listener");
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
      for (Class<?> type : types) {
        untypedAllowList.add(Objects.requireNonNull(type, "type"));
      }
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
      this.jsonMapper = Settings.once(this.jsonMapper, jsonMapper, "jsonMapper");
      return this;
    }

    /**
     * Sets the source of session ids; default a new {@link SecureRandom}.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      this.random = Settings.once(this.random, random, "random");
      return this;
    }

    /**
     * Applies the defaults, validates and builds. The builder is left as it was.
     *
     * @return the config
     * @throws IllegalStateException when no secret is given or settings conflict
     * @throws IllegalArgumentException when a duration is out of range
     */
    public SessionConfig build() {
      if (keyRing == null) {
        throw new IllegalStateException("a secret is required: call secret(...) or keyRing(...)");
      }
      Duration idle =
          Settings.requirePositive(
              Settings.orDefault(idleTimeout, DEFAULT_IDLE_TIMEOUT), "idleTimeout");
      Duration absolute =
          absoluteTimeout == null
              ? DEFAULT_ABSOLUTE_TIMEOUT
              : absoluteTimeout
                  .map(d -> Settings.requirePositive(d, "absoluteTimeout"))
                  .orElse(null);
      Duration touch = Settings.orDefault(touchInterval, DEFAULT_TOUCH_INTERVAL);
      if (touch.isNegative()) {
        throw new IllegalArgumentException("touchInterval must not be negative: " + touch);
      }
      if (touch.compareTo(idle) >= 0) {
        throw new IllegalStateException(
            "touchInterval (" + touch + ") must be shorter than idleTimeout (" + idle + ")");
      }
      return new SessionConfig(
          keyRing,
          Settings.orDefault(cookie, CookieSettings.defaults()),
          Settings.orDefault(resave, false),
          Settings.orDefault(saveUninitialized, false),
          Settings.orDefault(rolling, false),
          idle,
          absolute,
          touch,
          clock != null ? clock : Clock.systemUTC(),
          Settings.orDefault(listener, SessionListener.NONE),
          untypedAllowList,
          jsonMapper != null ? jsonMapper : JsonMapper.builder().build(),
          random != null ? random : new SecureRandom());
    }
  }
}
