package dev.sessionkit.servlet;

import dev.sessionkit.CookieFormat;
import dev.sessionkit.CookieSettings;
import dev.sessionkit.SameSite;
import dev.sessionkit.SecureMode;
import dev.sessionkit.SessionCapPolicy;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionConfigBuilder;
import dev.sessionkit.spi.TextSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Turns a WAR's {@code sessionkit.*} settings and its {@code <session-config>} into a {@link
 * SessionConfig} and the filters' init-params. Where both name a setting, {@code sessionkit.*} wins
 * and a warning names the element it overrode.
 */
final class WarConfig {

  /** The setting naming the environment variables of the secrets, the signing one first. */
  static final String SECRET_ENV = "secret.env";

  /** The variable read for the secret when {@value #SECRET_ENV} is not set. */
  static final String DEFAULT_SECRET_VARIABLE = "SESSIONKIT_SECRET";

  /** The settings of the engine; the store's are below its name, the filters' below theirs. */
  static final Set<String> KNOWN =
      Set.of(
          "store",
          SECRET_ENV,
          "idle-timeout",
          "absolute-timeout",
          "touch-interval",
          "renewal-interval",
          "renewal-grace",
          "resave",
          "save-uninitialized",
          "rolling",
          "max-sessions-per-principal",
          "cap-policy",
          "cookie-format",
          "cookie.name",
          "cookie.path",
          "cookie.domain",
          "cookie.max-age",
          "cookie.http-only",
          "cookie.secure",
          "cookie.same-site",
          "cookie.partitioned",
          "cookie.host-prefix");

  /** The filter's settings, named as its init-params in lower case with dashes. */
  static final Set<String> FILTER =
      Set.of(
          "trust-forwarded-proto",
          "on-store-failure",
          "client-binding",
          "on-rejected-cookies",
          "rejected-cookie-warning",
          "id-header",
          "cookie-transport");

  /** Settings below {@code require-session.}: where {@link RequireSession} is mapped, and how. */
  static final Set<String> REQUIRE_SESSION = Set.of("paths", "status", "body");

  private static final System.Logger LOG = System.getLogger(SessionKitSetup.class.getName());

  private WarConfig() {}

  /**
   * Checks that every setting is known: the engine's, {@code attribute-type.*}, {@code filter.*},
   * {@code require-session.*} and those of the store chosen.
   *
   * @throws IllegalArgumentException naming the unknown ones
   */
  static void requireKnown(TextSettings settings, String store) {
    Set<String> known = new TreeSet<>(KNOWN);
    for (String name : settings.names()) {
      if (name.startsWith("attribute-type.") || name.startsWith(store + ".")) {
        known.add(name);
      }
    }
    FILTER.forEach(name -> known.add("filter." + name));
    REQUIRE_SESSION.forEach(name -> known.add("require-session." + name));
    settings.requireKnown(known);
  }

  /**
   * Builds the engine's settings.
   *
   * @param settings the {@code sessionkit.*} settings
   * @param container what {@code <session-config>} set
   * @param loader the application's class loader, for {@code attribute-type.*}
   * @param environment how environment variables are read
   * @return the config
   * @throws IllegalArgumentException or IllegalStateException naming the setting that is wrong
   */
  static SessionConfig sessionConfig(
      TextSettings settings,
      ContainerSessionConfig container,
      ClassLoader loader,
      UnaryOperator<String> environment) {
    SessionConfigBuilder b = SessionConfig.builder();
    b.secret(secrets(settings, environment));
    Duration idle =
        pick(settings, "idle-timeout", settings::duration, container.timeout(), "session-timeout");
    set(idle, b::idleTimeout);
    if (idle != null
        && settings.string("touch-interval") == null
        && idle.compareTo(SessionConfig.DEFAULT_TOUCH_INTERVAL) <= 0) {
      // A short <session-timeout> (1 minute) would otherwise conflict with the default touch
      // interval; half the idle timeout keeps an active session alive.
      b.touchInterval(idle.dividedBy(2));
    }
    Duration absolute = settings.duration("absolute-timeout");
    if (absolute != null) {
      b.absoluteTimeout(absolute.isZero() ? null : absolute);
    }
    settings.apply("touch-interval", settings::duration, b::touchInterval);
    Duration renewal = settings.duration("renewal-interval");
    if (renewal != null) {
      b.renewalInterval(renewal.isZero() ? null : renewal);
    }
    settings.apply("renewal-grace", settings::duration, b::renewalGrace);
    settings.apply("resave", settings::bool, b::resave);
    settings.apply("save-uninitialized", settings::bool, b::saveUninitialized);
    settings.apply("rolling", settings::bool, b::rolling);
    settings.requireWith("cap-policy", "max-sessions-per-principal");
    SessionCapPolicy policy = settings.choice("cap-policy", SessionCapPolicy.class);
    settings.apply(
        "max-sessions-per-principal",
        settings::number,
        n ->
            b.maxSessionsPerPrincipal(
                Math.toIntExact(n), policy == null ? SessionCapPolicy.END_OLDEST : policy));
    settings.apply(
        "cookie-format", name -> settings.choice(name, CookieFormat.class), b::cookieFormat);
    for (String name : settings.names()) {
      if (name.startsWith("attribute-type.")) {
        b.attributeType(name.substring("attribute-type.".length()), type(settings, name, loader));
      }
    }
    b.cookie(cookie(settings, container));
    return b.build();
  }

  private static CookieSettings cookie(TextSettings s, ContainerSessionConfig c) {
    CookieSettings.Builder b = CookieSettings.builder();
    set(pick(s, "cookie.name", s::string, c.name(), "cookie-config><name"), b::name);
    set(pick(s, "cookie.path", s::string, c.path(), "cookie-config><path"), b::path);
    set(pick(s, "cookie.domain", s::string, c.domain(), "cookie-config><domain"), b::domain);
    set(pick(s, "cookie.max-age", s::duration, c.maxAge(), "cookie-config><max-age"), b::maxAge);
    set(
        pick(s, "cookie.http-only", s::bool, c.httpOnly(), "cookie-config><http-only"),
        b::httpOnly);
    set(
        pick(
            s,
            "cookie.secure",
            name -> secureMode(s, name),
            c.secure() == null ? null : SecureMode.ALWAYS,
            "cookie-config><secure"),
        b::secure);
    set(
        pick(
            s,
            "cookie.same-site",
            name -> s.choice(name, SameSite.class),
            c.sameSite(),
            "cookie-config><attribute SameSite"),
        b::sameSite);
    set(
        pick(
            s,
            "cookie.partitioned",
            s::bool,
            c.partitioned(),
            "cookie-config><attribute Partitioned"),
        b::partitioned);
    s.apply("cookie.host-prefix", s::bool, b::hostPrefix);
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalStateException(
          "the cookie from sessionkit.cookie.* and <session-config>: " + e.getMessage(), e);
    }
  }

  private static SecureMode secureMode(TextSettings s, String name) {
    String v = s.string(name);
    if (v == null) {
      return null;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> SecureMode.ALWAYS;
      case "false" -> SecureMode.NEVER;
      default -> s.choice(name, SecureMode.class);
    };
  }

  /**
   * The {@code sessionkit.*} value when set (with a warning if it overrides another value of {@code
   * <session-config>}), else the container's.
   */
  private static <T> T pick(
      TextSettings s,
      String name,
      java.util.function.Function<String, T> reader,
      T container,
      String element) {
    T own = reader.apply(name);
    if (own == null) {
      return container;
    }
    if (container != null && !Objects.equals(own, container)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}={1} takes precedence over web.xml''s <{2}> ({3})",
          s.fullName(name),
          s.string(name),
          element,
          container);
    }
    return own;
  }

  private static String[] secrets(TextSettings settings, UnaryOperator<String> environment) {
    String names = settings.string(SECRET_ENV);
    List<String> variables =
        names == null
            ? List.of(DEFAULT_SECRET_VARIABLE)
            : Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    if (variables.isEmpty()) {
      throw new IllegalArgumentException(settings.fullName(SECRET_ENV) + " names no variable");
    }
    return variables.stream()
        .map(v -> WarSettings.variable(environment, v, settings.fullName(SECRET_ENV)))
        .toArray(String[]::new);
  }

  private static Class<?> type(TextSettings settings, String name, ClassLoader loader) {
    String className = settings.string(name);
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          settings.fullName(name) + " names a class the application does not have: " + className,
          e);
    }
  }

  /**
   * The filter's init-params from {@code filter.*}: {@code trust-forwarded-proto} becomes {@code
   * trustForwardedProto}, and so on.
   */
  static Map<String, String> filterParams(TextSettings settings) {
    Map<String, String> params = new LinkedHashMap<>();
    TextSettings filter = settings.below("filter.");
    for (String name : filter.names()) {
      params.put(camel(name), filter.string(name));
    }
    return params;
  }

  private static String camel(String dashed) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char ch : dashed.toCharArray()) {
      if (ch == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    return out.toString();
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
