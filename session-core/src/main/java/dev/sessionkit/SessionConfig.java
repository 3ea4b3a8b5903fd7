package dev.sessionkit;

import java.lang.reflect.Type;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every setting of the session engine, immutable and validated once by {@link
 * SessionConfigBuilder#build()}. The policy switches keep express-session's meanings.
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

  /** Default renewal interval: a live session gets a new id every 15 minutes. */
  public static final Duration DEFAULT_RENEWAL_INTERVAL = Duration.ofMinutes(15);

  /** Default renewal grace: a renewed session's old id keeps leading to it for 30 seconds. */
  public static final Duration DEFAULT_RENEWAL_GRACE = Duration.ofSeconds(30);

  private final KeyRing keyRing;
  private final CookieSettings cookie;
  private final boolean resave;
  private final boolean saveUninitialized;
  private final boolean rolling;
  private final Duration idleTimeout;
  private final Duration absoluteTimeout;
  private final Duration touchInterval;
  private final Duration renewalInterval;
  private final Duration renewalGrace;
  private final Clock clock;
  private final SessionListener listener;
  private final Map<String, Type> attributeTypes;
  private final Map<String, Class<?>> typeAliases;
  private final JsonMapper jsonMapper;
  private final boolean defaultJsonMapper;
  private final SecureRandom random;
  private final Supplier<String> idGenerator;
  private final int maxSessionsPerPrincipal;
  private final SessionCapPolicy capPolicy;
  private final CookieFormat cookieFormat;
  private final PrincipalAttribute principalAttribute;

  SessionConfig(
      KeyRing keyRing,
      CookieSettings cookie,
      boolean resave,
      boolean saveUninitialized,
      boolean rolling,
      Duration idleTimeout,
      Duration absoluteTimeout,
      Duration touchInterval,
      Duration renewalInterval,
      Duration renewalGrace,
      Clock clock,
      SessionListener listener,
      Map<String, Type> attributeTypes,
      Map<String, Class<?>> typeAliases,
      JsonMapper jsonMapper,
      boolean defaultJsonMapper,
      SecureRandom random,
      Supplier<String> idGenerator,
      int maxSessionsPerPrincipal,
      SessionCapPolicy capPolicy,
      CookieFormat cookieFormat,
      PrincipalAttribute principalAttribute) {
    this.keyRing = keyRing;
    this.cookie = cookie;
    this.resave = resave;
    this.saveUninitialized = saveUninitialized;
    this.rolling = rolling;
    this.idleTimeout = idleTimeout;
    this.absoluteTimeout = absoluteTimeout;
    this.touchInterval = touchInterval;
    this.renewalInterval = renewalInterval;
    this.renewalGrace = renewalGrace;
    this.clock = clock;
    this.listener = listener;
    this.attributeTypes = Map.copyOf(attributeTypes);
    this.typeAliases = Map.copyOf(typeAliases);
    this.jsonMapper = jsonMapper;
    this.defaultJsonMapper = defaultJsonMapper;
    this.random = random;
    this.idGenerator = idGenerator;
    this.maxSessionsPerPrincipal = maxSessionsPerPrincipal;
    this.capPolicy = capPolicy;
    this.cookieFormat = cookieFormat;
    this.principalAttribute = principalAttribute;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder with the defaults
   */
  public static SessionConfigBuilder builder() {
    return new SessionConfigBuilder();
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
   * Returns how often a live session gets a new id, if renewal is on. Applied on stores that
   * implement {@link dev.sessionkit.spi.SessionRenewal}; never to sealed sessions.
   *
   * @return the renewal interval, or empty when renewal is off
   */
  public Optional<Duration> renewalInterval() {
    return Optional.ofNullable(renewalInterval);
  }

  /**
   * Returns how long a renewed session's old id keeps leading to it, for requests already in flight
   * with it (also the grace of {@link Session#renew()}).
   *
   * @return the grace window; zero when the old id ends at once
   */
  public Duration renewalGrace() {
    return renewalGrace;
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
   * Returns the attributes registered by name with the type their values have.
   *
   * @return attribute names to types
   */
  public Map<String, Type> attributeTypes() {
    return attributeTypes;
  }

  /**
   * Returns the classes registered by alias: values of these classes are written with the alias and
   * read back as themselves by untyped reads, whatever their attribute's name.
   *
   * @return aliases to classes
   */
  public Map<String, Class<?>> typeAliases() {
    return typeAliases;
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
   * Returns the custom id generator, if one is set (express-session's {@code genid}).
   *
   * @return the generator; empty when ids are drawn from {@link #random()}
   */
  public Optional<Supplier<String>> idGenerator() {
    return Optional.ofNullable(idGenerator);
  }

  /**
   * Returns the most live sessions one principal may have.
   *
   * @return the cap; empty when there is none (the default)
   */
  public java.util.OptionalInt maxSessionsPerPrincipal() {
    return maxSessionsPerPrincipal > 0
        ? java.util.OptionalInt.of(maxSessionsPerPrincipal)
        : java.util.OptionalInt.empty();
  }

  /**
   * Returns what a login does when its principal is at the cap.
   *
   * @return the policy; {@link SessionCapPolicy#END_OLDEST} unless set
   */
  public SessionCapPolicy capPolicy() {
    return capPolicy;
  }

  /**
   * Returns how the cookie carries the signed id.
   *
   * @return the format; {@link CookieFormat#SESSIONKIT} unless set
   */
  public CookieFormat cookieFormat() {
    return cookieFormat;
  }

  /**
   * Returns the attribute a loaded session takes its principal from.
   *
   * @return the attribute's name; empty unless {@link SessionConfigBuilder#principalFromAttribute}
   *     was called
   */
  public Optional<String> principalAttribute() {
    return Optional.ofNullable(principalAttribute).map(PrincipalAttribute::name);
  }

  /** The attribute a loaded session takes its principal from, or null. */
  PrincipalAttribute principalSource() {
    return principalAttribute;
  }

  /** Whether the JSON mapper is the default one, which writes strings in the plain way. */
  boolean hasDefaultJsonMapper() {
    return defaultJsonMapper;
  }

  /**
   * Returns the source of session ids.
   *
   * @return the random source
   */
  public SecureRandom random() {
    return random;
  }
}
