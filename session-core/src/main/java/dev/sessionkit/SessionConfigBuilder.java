package dev.sessionkit;

import dev.sessionkit.spi.Settings;
import java.lang.reflect.Type;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a {@link SessionConfig}. Each setting may be given once; {@link #build()} applies the
 * defaults and checks the whole, and may be called again. Not thread-safe.
 */
public final class SessionConfigBuilder {
  private KeyRing keyRing;
  private CookieSettings cookie;
  private Boolean resave;
  private Boolean saveUninitialized;
  private Boolean rolling;
  private Duration idleTimeout;
  // null while unset; empty when switched off
  private Optional<Duration> absoluteTimeout;
  private Duration touchInterval;
  private Optional<Duration> renewalInterval;
  private Duration renewalGrace;
  private Clock clock;
  private SessionListener listener;
  private final Map<String, Type> attributeTypes = new LinkedHashMap<>();
  private final Map<String, Class<?>> typeAliases = new LinkedHashMap<>();
  private JsonMapper jsonMapper;
  private SecureRandom random;
  private Supplier<String> idGenerator;
  private Integer maxSessionsPerPrincipal;
  private SessionCapPolicy capPolicy;
  private CookieFormat cookieFormat;
  private PrincipalAttribute principalAttribute;

  SessionConfigBuilder() {}

  /**
   * Sets the secrets, first one active (express-session's {@code secret}). With {@link
   * CookieFormat#EXPRESS}, the secrets after the first may be shorter: older express-session
   * secrets, used only to verify the cookies Node signed with them, never to sign (one warning at
   * start-up says how many); {@link #build()} refuses them with SessionKit's own format.
   *
   * @param secrets one or more secrets of at least {@value KeyRing#MIN_KEY_BYTES} bytes (the first
   *     always; the others with SessionKit's own cookie format)
   * @return this builder
   * @throws NullPointerException if a secret is null, with a message naming the setting (an
   *     environment variable that is not set reads as null)
   */
  public SessionConfigBuilder secret(String... secrets) {
    Objects.requireNonNull(secrets, "secret");
    for (String secret : secrets) {
      if (secret == null) {
        throw new NullPointerException(
            "secret is null: the session secret is required (is the environment variable or"
                + " property that holds it set?)");
      }
    }
    return keyRing(KeyRing.withLegacy(secrets));
  }

  /**
   * Sets the key ring.
   *
   * @param keyRing the keys
   * @return this builder
   */
  public SessionConfigBuilder keyRing(KeyRing keyRing) {
    this.keyRing = Settings.once(this.keyRing, keyRing, "secret");
    return this;
  }

  /**
   * Sets the cookie settings; default {@link CookieSettings#defaults()}.
   *
   * @param cookie the settings
   * @return this builder
   */
  public SessionConfigBuilder cookie(CookieSettings cookie) {
    this.cookie = Settings.once(this.cookie, cookie, "cookie");
    return this;
  }

  /**
   * Sets express-session's {@code resave}; default false.
   *
   * @param resave whether to save unmodified sessions
   * @return this builder
   */
  public SessionConfigBuilder resave(boolean resave) {
    this.resave = Settings.once(this.resave, resave, "resave");
    return this;
  }

  /**
   * Sets express-session's {@code saveUninitialized}; default false.
   *
   * @param saveUninitialized whether to save new, empty sessions
   * @return this builder
   */
  public SessionConfigBuilder saveUninitialized(boolean saveUninitialized) {
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
  public SessionConfigBuilder rolling(boolean rolling) {
    this.rolling = Settings.once(this.rolling, rolling, "rolling");
    return this;
  }

  /**
   * Sets the idle timeout; default {@link SessionConfig#DEFAULT_IDLE_TIMEOUT}.
   *
   * @param idleTimeout a positive duration
   * @return this builder
   */
  public SessionConfigBuilder idleTimeout(Duration idleTimeout) {
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
  public SessionConfigBuilder absoluteTimeout(Duration absoluteTimeout) {
    Settings.requireUnset(this.absoluteTimeout, "absoluteTimeout");
    this.absoluteTimeout = Optional.ofNullable(absoluteTimeout);
    return this;
  }

  /**
   * Sets the touch interval; default {@link SessionConfig#DEFAULT_TOUCH_INTERVAL}. Zero writes the
   * last access on every request.
   *
   * @param touchInterval zero or positive, less than the idle timeout
   * @return this builder
   */
  public SessionConfigBuilder touchInterval(Duration touchInterval) {
    this.touchInterval = Settings.once(this.touchInterval, touchInterval, "touchInterval");
    return this;
  }

  /**
   * Sets how often a live session gets a new id without logging anyone out (OWASP "renewal
   * timeout"); default {@link SessionConfig#DEFAULT_RENEWAL_INTERVAL}; null switches it off. The
   * first request that uses the session once the interval has passed since its id was made moves it
   * to a new id and sends the new cookie; the old id keeps leading to the session for {@link
   * #renewalGrace}. Applied on stores that implement {@link dev.sessionkit.spi.SessionRenewal}
   * (every store of SessionKit); sealed sessions are not renewed.
   *
   * @param renewalInterval a positive duration, or null for no renewal
   * @return this builder
   */
  public SessionConfigBuilder renewalInterval(Duration renewalInterval) {
    Settings.requireUnset(this.renewalInterval, "renewalInterval");
    this.renewalInterval = Optional.ofNullable(renewalInterval);
    return this;
  }

  /**
   * Sets how long a renewed session's old id keeps leading to it, so that requests already in
   * flight with it (parallel XHRs, a slow upload) are neither logged out nor lose their writes;
   * default {@link SessionConfig#DEFAULT_RENEWAL_GRACE}. After it the old id is unknown. Zero ends
   * the old id at once.
   *
   * @param renewalGrace zero or positive, shorter than the renewal interval
   * @return this builder
   */
  public SessionConfigBuilder renewalGrace(Duration renewalGrace) {
    this.renewalGrace = Settings.once(this.renewalGrace, renewalGrace, "renewalGrace");
    return this;
  }

  /**
   * Sets the clock; default the system clock in UTC. The engine hands it to the store it builds, so
   * every deadline is read from this one clock.
   *
   * @param clock the clock
   * @return this builder
   */
  public SessionConfigBuilder clock(Clock clock) {
    this.clock = Settings.once(this.clock, clock, "clock");
    return this;
  }

  /**
   * Sets the listener for session events; default {@link SessionListener#NONE}. The engine hands it
   * to the store it builds, which reports expiry and eviction to it.
   *
   * @param listener the listener
   * @return this builder
   */
  public SessionConfigBuilder listener(SessionListener listener) {
    this.listener = Settings.once(this.listener, listener, "listener");
    return this;
  }

  /**
   * Declares the type of one attribute's values: an untyped read ({@code (User)
   * session.getAttribute("user")}) then gives an instance of it, from plain JSON that other
   * programs can read too. Records and plain classes work through Jackson.
   *
   * @param name the attribute name
   * @param type the class of its values
   * @return this builder
   * @throws IllegalStateException if this name was already given a type
   */
  public SessionConfigBuilder attributeType(String name, Class<?> type) {
    return attributeType(name, (Type) Objects.requireNonNull(type, "type"));
  }

  /**
   * Declares the generic type of one attribute's values, such as {@code new TypeRef<List<User>>()
   * {}}.
   *
   * @param name the attribute name
   * @param type the type of its values
   * @return this builder
   * @throws IllegalStateException if this name was already given a type
   */
  public SessionConfigBuilder attributeType(String name, TypeRef<?> type) {
    return attributeType(name, Objects.requireNonNull(type, "type").type());
  }

  private SessionConfigBuilder attributeType(String name, Type type) {
    Objects.requireNonNull(name, "name");
    Settings.requireUnset(attributeTypes.get(name), "attributeType of '" + name + "'");
    attributeTypes.put(name, type);
    return this;
  }

  /**
   * Registers a class under a stable alias: its values, under any attribute name, are written with
   * the alias (never a class name) and untyped reads give them back as instances. Keep the alias
   * when the class is renamed or moved, and stored sessions still read.
   *
   * @param type the class
   * @param alias a short stable name, not {@code "json"}
   * @return this builder
   * @throws IllegalStateException if the class or the alias was already registered
   * @throws IllegalArgumentException if the alias is empty or {@code "json"}
   */
  public SessionConfigBuilder registerType(Class<?> type, String alias) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(alias, "alias");
    if (alias.isEmpty() || alias.equals("json")) {
      throw new IllegalArgumentException("type alias must not be empty or \"json\": " + alias);
    }
    Settings.requireUnset(typeAliases.get(alias), "type alias '" + alias + "'");
    if (typeAliases.containsValue(type)) {
      throw new IllegalStateException(type.getName() + " was already registered");
    }
    typeAliases.put(alias, type);
    return this;
  }

  /**
   * Allows untyped reads ({@code HttpSession.getAttribute}) to return these classes: {@link
   * #registerType} with each class's name as its alias (the 0.1 format). Prefer {@link
   * #registerType} with a short alias that survives renames.
   *
   * @param types classes that Jackson can write and read
   * @return this builder
   */
  public SessionConfigBuilder allowUntyped(Class<?>... types) {
    for (Class<?> type : types) {
      registerType(Objects.requireNonNull(type, "type"), type.getName());
    }
    return this;
  }

  /**
   * Sets the JSON mapper for attribute values (for modules or custom serializers); default a plain
   * {@link JsonMapper}. Default typing must stay off.
   *
   * @param jsonMapper the mapper
   * @return this builder
   */
  public SessionConfigBuilder jsonMapper(JsonMapper jsonMapper) {
    this.jsonMapper = Settings.once(this.jsonMapper, jsonMapper, "jsonMapper");
    return this;
  }

  /**
   * Sets the source of session ids; default a new {@link SecureRandom}.
   *
   * @param random the random source
   * @return this builder
   */
  public SessionConfigBuilder random(SecureRandom random) {
    this.random = Settings.once(this.random, random, "random");
    return this;
  }

  /**
   * Sets a custom session id generator (express-session's {@code genid}), for ids that carry a
   * prefix or come from a random source of the application's own. Each id must be 22 to 86
   * base64url characters and draw at least 128 bits from a CSPRNG (such as {@link SecureRandom});
   * the build checks the shape of two ids and that they differ, the randomness is the generator's
   * promise. Default: 256 bits from {@link #random}.
   *
   * @param idGenerator makes a new id on every call; thread-safe
   * @return this builder
   */
  public SessionConfigBuilder idGenerator(Supplier<String> idGenerator) {
    this.idGenerator = Settings.once(this.idGenerator, idGenerator, "idGenerator");
    return this;
  }

  /**
   * Caps the live sessions of one principal (Spring Security's {@code maximumSessions}, OWASP's
   * "limit simultaneous sessions"), so that one account cannot push every other user out of a
   * bounded store or grow an unbounded one. Enforced when a principal is set on a session (login),
   * atomically in the store. Off by default. Needs a store with the {@link
   * dev.sessionkit.spi.PrincipalSessions} capability; sealed sessions are refused.
   *
   * @param max the most live sessions per principal, at least 1
   * @param policy end the least recently used sessions, or refuse the login
   * @return this builder
   * @throws IllegalArgumentException if {@code max} is below 1
   */
  public SessionConfigBuilder maxSessionsPerPrincipal(int max, SessionCapPolicy policy) {
    Settings.requireUnset(maxSessionsPerPrincipal, "maxSessionsPerPrincipal");
    if (max < 1) {
      throw new IllegalArgumentException("maxSessionsPerPrincipal must be at least 1: " + max);
    }
    this.capPolicy = Objects.requireNonNull(policy, "policy");
    this.maxSessionsPerPrincipal = max;
    return this;
  }

  /**
   * Sets how the cookie carries the signed id; default {@link CookieFormat#SESSIONKIT}. {@link
   * CookieFormat#EXPRESS} reads and writes express-session's cookies, named {@code connect.sid}
   * unless the cookie settings name the cookie, so that a Node application with the same secrets
   * shares the login; attribute values are then written as plain JSON (type aliases are refused).
   * Sealed sessions have no id to sign and refuse it.
   *
   * @param cookieFormat the format
   * @return this builder
   */
  public SessionConfigBuilder cookieFormat(CookieFormat cookieFormat) {
    this.cookieFormat = Settings.once(this.cookieFormat, cookieFormat, "cookieFormat");
    return this;
  }

  /**
   * Takes each loaded session's principal from a string attribute that another program writes at
   * its login, as is: {@code principalFromAttribute("user")} for a Node app that logs in with
   * {@code req.session.user = name}. See {@link #principalFromAttribute(String, Class, Function)}.
   *
   * @param name the attribute's name
   * @return this builder
   * @throws IllegalStateException if the principal's attribute was already set
   * @throws NullPointerException if {@code name} is null
   */
  public SessionConfigBuilder principalFromAttribute(String name) {
    return principalFromAttribute(name, String.class, Function.identity());
  }

  /**
   * Takes each loaded session's principal from an attribute that another program writes at its
   * login (express-session has no principal), so that {@code RequireSession}, the cap, the sessions
   * of a principal and the log-out-everywhere see a login made there. Whenever a session is loaded,
   * its principal becomes {@code mapping} of the attribute's value read as {@code type}, or nobody
   * when the attribute is absent, does not fit the type, or maps to null or blank text: the
   * attribute is then the login, so a login made here must set it too. Default: off, the principal
   * is only what {@link Session#setPrincipal} sets.
   *
   * @param name the attribute's name
   * @param type what its value is read as
   * @param mapping the principal of a value, called on the request's thread; null for nobody
   * @param <T> the value's type
   * @return this builder
   * @throws IllegalStateException if the principal's attribute was already set
   * @throws NullPointerException if an argument is null
   */
  @SuppressWarnings("unchecked")
  public <T> SessionConfigBuilder principalFromAttribute(
      String name, Class<T> type, Function<? super T, String> mapping) {
    Objects.requireNonNull(mapping, "mapping");
    this.principalAttribute =
        Settings.once(
            this.principalAttribute,
            new PrincipalAttribute(
                name, type, value -> ((Function<Object, String>) mapping).apply(value)),
            "principalFromAttribute");
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
            Settings.orDefault(idleTimeout, SessionConfig.DEFAULT_IDLE_TIMEOUT), "idleTimeout");
    Duration absolute =
        absoluteTimeout == null
            ? SessionConfig.DEFAULT_ABSOLUTE_TIMEOUT
            : absoluteTimeout.map(d -> Settings.requirePositive(d, "absoluteTimeout")).orElse(null);
    Duration touch =
        ConfigRules.touchInterval(
            Settings.orDefault(touchInterval, SessionConfig.DEFAULT_TOUCH_INTERVAL), idle);
    Duration renewal =
        renewalInterval == null
            ? SessionConfig.DEFAULT_RENEWAL_INTERVAL
            : renewalInterval.map(d -> Settings.requirePositive(d, "renewalInterval")).orElse(null);
    Duration grace =
        ConfigRules.renewalGrace(
            Settings.orDefault(renewalGrace, SessionConfig.DEFAULT_RENEWAL_GRACE), renewal);
    if (idGenerator != null) {
      ConfigRules.checkIds(idGenerator);
    }
    CookieFormat format = Settings.orDefault(cookieFormat, CookieFormat.SESSIONKIT);
    ConfigRules.legacySecrets(keyRing, format);
    CookieSettings cookieSettings =
        CookieDialect.of(format)
            .settings(Settings.orDefault(cookie, CookieSettings.defaults()), typeAliases);
    return new SessionConfig(
        keyRing,
        cookieSettings,
        Settings.orDefault(resave, false),
        Settings.orDefault(saveUninitialized, false),
        Settings.orDefault(rolling, false),
        idle,
        absolute,
        touch,
        renewal,
        grace,
        clock != null ? clock : Clock.systemUTC(),
        Settings.orDefault(listener, SessionListener.NONE),
        attributeTypes,
        typeAliases,
        jsonMapper != null ? jsonMapper : JsonMapper.builder().build(),
        jsonMapper == null,
        random != null ? random : new SecureRandom(),
        idGenerator,
        Settings.orDefault(maxSessionsPerPrincipal, 0),
        Settings.orDefault(capPolicy, SessionCapPolicy.END_OLDEST),
        format,
        principalAttribute);
  }
}
