package dev.sessionkit.examples;

import dev.sessionkit.SessionCapPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The example's settings, from environment variables and command-line flags ({@code --port=8081}
 * overrides {@code PORT}). Anything unknown or malformed is refused at start-up with a message that
 * names it.
 *
 * @param host the interface to listen on
 * @param port the HTTP port; 0 picks a free one
 * @param sessionStore where sessions live
 * @param redisUri the Redis URI for {@link SessionStoreKind#REDIS}
 * @param redisNearCache whether the Redis store keeps recently loaded sessions in this process,
 *     kept fresh by Redis's invalidations ({@link #NEAR_CACHE_SIZE} of them)
 * @param jdbcUrl the JDBC URL for {@link SessionStoreKind#JDBC}
 * @param jdbcUser the database user, or null when the URL carries it
 * @param jdbcPassword the database password, or null
 * @param sessionSecret the cookie-signing secrets, comma-separated, first one active; null to
 *     generate one
 * @param passwordIterations PBKDF2 iterations for the demo users' password hashes
 * @param maxSessionsPerUser the most live sessions one user may have; 0 for no cap; null for the
 *     default ({@value #DEFAULT_MAX_SESSIONS_PER_USER}, or none for sealed cookies, which cannot be
 *     counted, and with {@code SESSION_COMPAT=express}, where a cap is only set when asked for)
 * @param capPolicy what a login past the cap does
 * @param recordDevice whether a login records the browser and OS it came from ("Firefox on Linux",
 *     from the User-Agent) for the "your sessions" page; off unless asked for
 * @param compat whose cookies and store records to read and write: SessionKit's own, or those of
 *     Node's express-session (with connect-redis or connect-pg-simple), to share logins with a Node
 *     app
 * @param tlsKeystore a PKCS#12 key store with the server's key and certificate: the app then serves
 *     HTTPS (only) on its port; null for plain HTTP
 * @param tlsKeystorePassword the key store's password, or null
 * @param behindHttpsProxy whether browsers reach the app over HTTPS through a proxy that ends TLS
 *     and sets {@code X-Forwarded-Proto}
 * @param idleTimeout how long an unused session lives ({@code SESSION_IDLE_SECONDS}); null for
 *     SessionKit's default. A Node app sharing the sessions sets its {@code cookie.maxAge} to the
 *     same
 */
public record ExampleConfig(
    String host,
    int port,
    SessionStoreKind sessionStore,
    String redisUri,
    boolean redisNearCache,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    String sessionSecret,
    int passwordIterations,
    Integer maxSessionsPerUser,
    SessionCapPolicy capPolicy,
    boolean recordDevice,
    Compat compat,
    String tlsKeystore,
    String tlsKeystorePassword,
    boolean behindHttpsProxy,
    Duration idleTimeout) {

  /** The default interface: this machine only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default Redis URI. */
  public static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:6379";

  /** How many sessions the Redis store's near cache keeps, when {@code REDIS_NEAR_CACHE=true}. */
  public static final int NEAR_CACHE_SIZE = 10_000;

  /** The default PBKDF2-HMAC-SHA256 iteration count (OWASP's 2023 recommendation). */
  public static final int DEFAULT_PASSWORD_ITERATIONS = 600_000;

  /** The default cap on live sessions per user. */
  public static final int DEFAULT_MAX_SESSIONS_PER_USER = 10;

  /** Where the example keeps sessions. */
  public enum SessionStoreKind {
    /** In this process (the default). */
    MEMORY,
    /** In Redis at {@code REDIS_URI}. */
    REDIS,
    /** In a SQL table at {@code JDBC_URL}. */
    JDBC,
    /** Nowhere on the server: each session sealed whole in its cookie (AES-256-GCM). */
    COOKIE;

    static SessionStoreKind parse(String value) {
      for (SessionStoreKind kind : values()) {
        if (kind.name().equalsIgnoreCase(value.trim())) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "SESSION_STORE must be one of "
              + Arrays.stream(values())
                  .map(k -> k.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", "))
              + "; got '"
              + value
              + "'");
    }
  }

  /** Whose session formats the example speaks ({@code SESSION_COMPAT}). */
  public enum Compat {
    /** SessionKit's own cookie and store layouts (the default). */
    NONE,
    /**
     * express-session's: cookie {@code connect.sid}, {@code sess:<id>} keys on Redis
     * (connect-redis), the {@code session} table on PostgreSQL (connect-pg-simple).
     */
    EXPRESS;

    static Compat parse(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "none" -> NONE;
        case "express" -> EXPRESS;
        default ->
            throw new IllegalArgumentException(
                "SESSION_COMPAT must be none or express; got '" + value + "'");
      };
    }
  }

  private static final Map<String, String> FLAGS =
      Map.ofEntries(
          Map.entry("--host", "HOST"),
          Map.entry("--port", "PORT"),
          Map.entry("--session-store", "SESSION_STORE"),
          Map.entry("--redis-uri", "REDIS_URI"),
          Map.entry("--redis-near-cache", "REDIS_NEAR_CACHE"),
          Map.entry("--jdbc-url", "JDBC_URL"),
          Map.entry("--jdbc-user", "JDBC_USER"),
          Map.entry("--jdbc-password", "JDBC_PASSWORD"),
          Map.entry("--session-secret", "SESSION_SECRET"),
          Map.entry("--pbkdf2-iterations", "PBKDF2_ITERATIONS"),
          Map.entry("--max-sessions-per-user", "MAX_SESSIONS_PER_USER"),
          Map.entry("--session-cap-policy", "SESSION_CAP_POLICY"),
          Map.entry("--record-device", "RECORD_DEVICE"),
          Map.entry("--session-compat", "SESSION_COMPAT"),
          Map.entry("--tls-keystore", "TLS_KEYSTORE"),
          Map.entry("--tls-keystore-password", "TLS_KEYSTORE_PASSWORD"),
          Map.entry("--behind-https-proxy", "BEHIND_HTTPS_PROXY"),
          Map.entry("--session-idle-seconds", "SESSION_IDLE_SECONDS"));

  /**
   * Checks the settings.
   *
   * @throws NullPointerException if the store kind is null
   * @throws IllegalArgumentException if a number is out of range or a store lacks its address
   */
  public ExampleConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(sessionStore, "sessionStore");
    Objects.requireNonNull(capPolicy, "capPolicy");
    Objects.requireNonNull(compat, "compat");
    if (compat == Compat.EXPRESS) {
      if (sessionStore == SessionStoreKind.COOKIE) {
        throw new IllegalArgumentException(
            "SESSION_COMPAT=express cannot apply to SESSION_STORE=cookie: express-session keeps"
                + " sessions on the server");
      }
    }
    if (maxSessionsPerUser != null && maxSessionsPerUser < 0) {
      throw new IllegalArgumentException(
          "MAX_SESSIONS_PER_USER must be 0 (no cap) or more: " + maxSessionsPerUser);
    }
    if (sessionStore == SessionStoreKind.COOKIE
        && maxSessionsPerUser != null
        && maxSessionsPerUser > 0) {
      throw new IllegalArgumentException(
          "MAX_SESSIONS_PER_USER cannot apply to SESSION_STORE=cookie: sealed sessions live only"
              + " in cookies, so the server cannot count them (set it to 0)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PORT must be 0 to 65535: " + port);
    }
    if (passwordIterations < 1000) {
      throw new IllegalArgumentException(
          "PBKDF2_ITERATIONS must be at least 1000: " + passwordIterations);
    }
    if (redisNearCache && sessionStore != SessionStoreKind.REDIS) {
      throw new IllegalArgumentException(
          "REDIS_NEAR_CACHE=true needs SESSION_STORE=redis; got "
              + sessionStore.name().toLowerCase(Locale.ROOT));
    }
    if (sessionStore == SessionStoreKind.JDBC && jdbcUrl == null) {
      throw new IllegalArgumentException("SESSION_STORE=jdbc needs JDBC_URL");
    }
    if (tlsKeystore != null && tlsKeystorePassword == null) {
      throw new IllegalArgumentException("TLS_KEYSTORE needs TLS_KEYSTORE_PASSWORD");
    }
    if (tlsKeystore == null && tlsKeystorePassword != null) {
      throw new IllegalArgumentException("TLS_KEYSTORE_PASSWORD needs TLS_KEYSTORE");
    }
    if (idleTimeout != null && idleTimeout.toSeconds() < 2) {
      throw new IllegalArgumentException(
          "SESSION_IDLE_SECONDS must be at least 2: " + idleTimeout.toSeconds());
    }
    if (tlsKeystore != null && behindHttpsProxy) {
      throw new IllegalArgumentException(
          "TLS_KEYSTORE and BEHIND_HTTPS_PROXY=true exclude each other: either the app ends TLS"
              + " itself or a proxy does");
    }
  }

  /**
   * Whether browsers reach the app over HTTPS: it serves HTTPS itself, or sits behind a proxy that
   * does. The session cookie is then a {@code __Host-} cookie.
   *
   * @return true over HTTPS
   */
  public boolean servesHttps() {
    return tlsKeystore != null || behindHttpsProxy;
  }

  /**
   * Reads the settings.
   *
   * @param env the environment, usually {@link System#getenv()}
   * @param args the command line: {@code --name=value} or {@code --name value}
   * @return the settings
   * @throws IllegalArgumentException for an unknown flag or value, naming it
   */
  public static ExampleConfig from(Map<String, String> env, String... args) {
    Map<String, String> values = new HashMap<>();
    for (String name : FLAGS.values()) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        values.put(name, v);
      }
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String flag = (eq < 0 ? arg : arg.substring(0, eq)).toLowerCase(Locale.ROOT);
      String name = FLAGS.get(flag);
      if (name == null) {
        throw new IllegalArgumentException(
            "unknown option '" + arg + "'; options: " + String.join(", ", FLAGS.keySet()));
      }
      if (eq >= 0) {
        values.put(name, arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        values.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("option " + flag + " needs a value");
      }
    }
    return new ExampleConfig(
        values.getOrDefault("HOST", DEFAULT_HOST),
        integer(values, "PORT", DEFAULT_PORT),
        Optional.ofNullable(values.get("SESSION_STORE"))
            .map(SessionStoreKind::parse)
            .orElse(SessionStoreKind.MEMORY),
        values.getOrDefault("REDIS_URI", DEFAULT_REDIS_URI),
        bool(values, "REDIS_NEAR_CACHE"),
        values.get("JDBC_URL"),
        values.get("JDBC_USER"),
        values.get("JDBC_PASSWORD"),
        values.get("SESSION_SECRET"),
        integer(values, "PBKDF2_ITERATIONS", DEFAULT_PASSWORD_ITERATIONS),
        values.containsKey("MAX_SESSIONS_PER_USER")
            ? integer(values, "MAX_SESSIONS_PER_USER", DEFAULT_MAX_SESSIONS_PER_USER)
            : null,
        capPolicy(values.get("SESSION_CAP_POLICY")),
        bool(values, "RECORD_DEVICE"),
        Optional.ofNullable(values.get("SESSION_COMPAT")).map(Compat::parse).orElse(Compat.NONE),
        values.get("TLS_KEYSTORE"),
        values.get("TLS_KEYSTORE_PASSWORD"),
        bool(values, "BEHIND_HTTPS_PROXY"),
        values.containsKey("SESSION_IDLE_SECONDS")
            ? Duration.ofSeconds(integer(values, "SESSION_IDLE_SECONDS", 0))
            : null);
  }

  /**
   * The session secrets: {@code SESSION_SECRET} may list several, comma-separated, as
   * express-session's {@code secret} array: the first signs, every one verifies. With {@code
   * SESSION_COMPAT=express}, those after the first may be an old Node app's short secrets ({@code
   * keyboard cat}): they verify the cookies it signed, never sign.
   *
   * @return the secrets, first one active; empty when none is configured
   */
  public java.util.List<String> sessionSecrets() {
    if (sessionSecret == null) {
      return java.util.List.of();
    }
    return Arrays.stream(sessionSecret.split(","))
        .map(String::trim)
        .filter(x -> !x.isEmpty())
        .toList();
  }

  /**
   * The cap this configuration puts on each user's live sessions.
   *
   * @return the cap; 0 for none
   */
  public int effectiveMaxSessionsPerUser() {
    if (maxSessionsPerUser != null) {
      return maxSessionsPerUser;
    }
    return sessionStore == SessionStoreKind.COOKIE || compat == Compat.EXPRESS
        ? 0
        : DEFAULT_MAX_SESSIONS_PER_USER;
  }

  private static SessionCapPolicy capPolicy(String value) {
    if (value == null) {
      return SessionCapPolicy.END_OLDEST;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "oldest" -> SessionCapPolicy.END_OLDEST;
      case "refuse" -> SessionCapPolicy.REFUSE;
      default ->
          throw new IllegalArgumentException(
              "SESSION_CAP_POLICY must be oldest or refuse: '" + value + "'");
    };
  }

  private static boolean bool(Map<String, String> values, String name) {
    String v = values.getOrDefault(name, "false").trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false: '" + v + "'");
    };
  }

  private static int integer(Map<String, String> values, String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number: '" + v + "'", e);
    }
  }

  @Override
  public String toString() {
    return "ExampleConfig[port="
        + port
        + ", sessionStore="
        + sessionStore
        + ", secret "
        + (sessionSecret == null ? "generated" : "given")
        + ", maxSessionsPerUser="
        + effectiveMaxSessionsPerUser()
        + ", recordDevice="
        + recordDevice
        + ", compat="
        + compat
        + ", https="
        + (tlsKeystore != null ? "served" : behindHttpsProxy ? "by a proxy" : "no")
        + "]";
  }
}
