package dev.sessionkit.spring.boot;

import dev.sessionkit.CookieSettings;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionConfigBuilder;
import dev.sessionkit.SessionListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns {@code sessionkit.*} and the honoured {@code server.servlet.session.*} properties into a
 * {@link SessionConfig}. Where both name a setting, {@code sessionkit.*} wins and a warning names
 * the property it overrode; neither is ever dropped without a word.
 */
final class SessionConfigFactory {

  private static final System.Logger LOG = System.getLogger(SessionConfigFactory.class.getName());

  private final SessionKitProperties properties;
  private final ServletSessionProperties servlet;

  SessionConfigFactory(SessionKitProperties properties, ServletSessionProperties servlet) {
    this.properties = properties;
    this.servlet = servlet;
  }

  /**
   * Builds the config.
   *
   * @throws IllegalStateException naming {@code sessionkit.secret} when no secret is set, or the
   *     properties that conflict
   */
  SessionConfig build(SessionListener listener, List<SessionKitConfigCustomizer> customizers) {
    SessionConfigBuilder builder = SessionConfig.builder();
    builder.secret(secrets());
    Duration idle =
        pick(properties.getIdleTimeout(), "sessionkit.idle-timeout", servlet.timeout(), "timeout");
    if (idle != null) {
      builder.idleTimeout(idle);
    }
    Duration absolute = properties.getAbsoluteTimeout();
    if (absolute != null) {
      builder.absoluteTimeout(absolute.isZero() ? null : absolute);
    }
    set(properties.getTouchInterval(), builder::touchInterval);
    Duration renewal = properties.getRenewalInterval();
    if (renewal != null) {
      builder.renewalInterval(renewal.isZero() ? null : renewal);
    }
    set(properties.getRenewalGrace(), builder::renewalGrace);
    set(properties.getResave(), builder::resave);
    set(properties.getSaveUninitialized(), builder::saveUninitialized);
    set(properties.getRolling(), builder::rolling);
    if (properties.getMaxSessionsPerPrincipal() != null) {
      builder.maxSessionsPerPrincipal(
          properties.getMaxSessionsPerPrincipal(), properties.getCapPolicy());
    }
    builder.cookie(cookie());
    builder.listener(listener);
    for (SessionKitConfigCustomizer customizer : customizers) {
      customizer.customize(builder);
    }
    return builder.build();
  }

  private String[] secrets() {
    String secret = properties.getSecret();
    List<String> secrets = properties.getSecrets();
    boolean one = secret != null && !secret.isBlank();
    boolean many = secrets != null && !secrets.isEmpty();
    if (one && many) {
      throw new SessionKitSetupException(
          "sessionkit.secret and sessionkit.secrets are both set",
          "Give one: sessionkit.secrets lists the signing secret first, then the ones still"
              + " accepted.");
    }
    if (!one && !many) {
      throw new SessionKitSetupException(
          "sessionkit.secret is not set: SessionKit signs its session cookies with it",
          "Set sessionkit.secret (for example through the environment variable"
              + " SESSIONKIT_SECRET) to a random string of at least 32 bytes, kept out of the"
              + " code.");
    }
    if (one) {
      return new String[] {secret};
    }
    for (int i = 0; i < secrets.size(); i++) {
      if (secrets.get(i) == null || secrets.get(i).isBlank()) {
        throw new SessionKitSetupException(
            "sessionkit.secrets[" + i + "] is empty", "Give every secret, or remove the entry.");
      }
    }
    return secrets.toArray(String[]::new);
  }

  private CookieSettings cookie() {
    CookieProperties own = properties.getCookie();
    CookieSettings.Builder cookie = CookieSettings.builder();
    set(
        pick(own.getName(), "sessionkit.cookie.name", servlet.string("cookie.name"), "cookie.name"),
        cookie::name);
    set(
        pick(own.getPath(), "sessionkit.cookie.path", servlet.string("cookie.path"), "cookie.path"),
        cookie::path);
    set(
        pick(
            own.getDomain(),
            "sessionkit.cookie.domain",
            servlet.string("cookie.domain"),
            "cookie.domain"),
        cookie::domain);
    set(
        pick(own.getMaxAge(), "sessionkit.cookie.max-age", servlet.maxAge(), "cookie.max-age"),
        cookie::maxAge);
    set(
        pick(
            own.getHttpOnly(),
            "sessionkit.cookie.http-only",
            servlet.bool("cookie.http-only"),
            "cookie.http-only"),
        cookie::httpOnly);
    set(
        pick(own.getSecure(), "sessionkit.cookie.secure", servlet.secure(), "cookie.secure"),
        cookie::secure);
    set(
        pick(
            own.getSameSite(),
            "sessionkit.cookie.same-site",
            servlet.sameSite(),
            "cookie.same-site"),
        cookie::sameSite);
    set(
        pick(
            own.getPartitioned(),
            "sessionkit.cookie.partitioned",
            servlet.bool("cookie.partitioned"),
            "cookie.partitioned"),
        cookie::partitioned);
    set(own.getHostPrefix(), cookie::hostPrefix);
    return cookie.build();
  }

  /**
   * The sessionkit value when set (with a warning if it overrides a servlet one), else the other.
   * The warning quotes both properties as written.
   */
  private <T> T pick(T own, String ownName, T servletValue, String servletSuffix) {
    if (own == null) {
      return servletValue;
    }
    if (servletValue != null && !Objects.equals(own, servletValue)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}={1} takes precedence over {2}.{3}={4}",
          ownName,
          servlet.raw(ownName),
          ServletSessionProperties.PREFIX,
          servletSuffix,
          servlet.string(servletSuffix));
    }
    return own;
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
