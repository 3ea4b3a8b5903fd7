package dev.sessionkit.spring.boot;

import dev.sessionkit.SameSite;
import dev.sessionkit.SecureMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * The {@code server.servlet.session.*} properties an application set, read from the environment (so
 * that the container's own session settings are not needed on the class path). Each one that
 * SessionKit has a setting for is mapped to it; any other one fails start-up, naming it, since
 * Tomcat's session manager that would have honoured it is left idle.
 */
final class ServletSessionProperties {

  static final String PREFIX = "server.servlet.session";

  /** The properties SessionKit honours, in canonical form, and what each becomes. */
  static final Set<String> HONOURED =
      Set.of(
          PREFIX + ".timeout",
          PREFIX + ".cookie.name",
          PREFIX + ".cookie.path",
          PREFIX + ".cookie.domain",
          PREFIX + ".cookie.max-age",
          PREFIX + ".cookie.http-only",
          PREFIX + ".cookie.secure",
          PREFIX + ".cookie.same-site",
          PREFIX + ".cookie.partitioned",
          PREFIX + ".tracking-modes");

  private final Binder binder;
  private final Set<String> present;

  private ServletSessionProperties(Binder binder, Set<String> present) {
    this.binder = binder;
    this.present = present;
  }

  /**
   * Reads which properties under {@value #PREFIX} the environment sets.
   *
   * @throws IllegalStateException naming every one SessionKit cannot honour
   */
  static ServletSessionProperties read(Environment environment) {
    ConfigurationPropertyName root = ConfigurationPropertyName.of(PREFIX);
    Set<String> present = new TreeSet<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (source instanceof IterableConfigurationPropertySource iterable) {
        iterable.filter(root::isAncestorOf).forEach(name -> present.add(topLevel(name)));
      }
    }
    Binder binder = Binder.get(environment);
    List<String> refused = new ArrayList<>();
    for (String name : present) {
      if (!HONOURED.contains(name)) {
        refused.add(name);
      }
    }
    if (present.contains(PREFIX + ".tracking-modes")) {
      List<String> modes =
          binder.bind(PREFIX + ".tracking-modes", Bindable.listOf(String.class)).orElse(List.of());
      for (String mode : modes) {
        if (!mode.trim().equalsIgnoreCase("cookie")) {
          refused.add(PREFIX + ".tracking-modes=" + mode.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new SessionKitSetupException(
          "SessionKit replaces the servlet container's sessions and cannot honour "
              + String.join(", ", refused),
          "Remove "
              + (refused.size() == 1 ? "it" : "them")
              + " (SessionKit only tracks sessions by cookie; its stores, sessionkit.store, keep"
              + " sessions across restarts), or set spring.autoconfigure.exclude to"
              + " dev.sessionkit.spring.boot.SessionKitAutoConfiguration to keep the container's"
              + " sessions.");
    }
    return new ServletSessionProperties(binder, present);
  }

  /**
   * A name below the prefix cut to the setting it belongs to: list and map entries ({@code
   * tracking-modes[0]}) count as their property.
   */
  private static String topLevel(ConfigurationPropertyName name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.getNumberOfElements(); i++) {
      if (name.isNumericIndex(i)) {
        break;
      }
      if (i > 0) {
        out.append('.');
      }
      out.append(name.getElement(i, ConfigurationPropertyName.Form.DASHED));
    }
    return out.toString();
  }

  /** The canonical names of the properties set, for messages. */
  Set<String> names() {
    return present;
  }

  /** Any property's value as written, for messages. */
  String raw(String name) {
    return binder.bind(name, String.class).orElse(null);
  }

  boolean isSet(String suffix) {
    return present.contains(PREFIX + "." + suffix);
  }

  Duration timeout() {
    if (!isSet("timeout")) {
      return null;
    }
    // Boot reads a bare number here as seconds.
    String raw = binder.bind(PREFIX + ".timeout", String.class).get();
    return DurationStyle.detectAndParse(raw.trim(), ChronoUnit.SECONDS);
  }

  String string(String suffix) {
    return isSet(suffix) ? binder.bind(PREFIX + "." + suffix, String.class).orElse(null) : null;
  }

  Boolean bool(String suffix) {
    if (!isSet(suffix)) {
      return null;
    }
    BindResult<Boolean> value = binder.bind(PREFIX + "." + suffix, Boolean.class);
    return value.orElse(null);
  }

  Duration maxAge() {
    if (!isSet("cookie.max-age")) {
      return null;
    }
    String raw = binder.bind(PREFIX + ".cookie.max-age", String.class).get();
    return DurationStyle.detectAndParse(raw.trim(), ChronoUnit.SECONDS);
  }

  SecureMode secure() {
    Boolean secure = bool("cookie.secure");
    return secure == null ? null : secure ? SecureMode.ALWAYS : SecureMode.NEVER;
  }

  SameSite sameSite() {
    String value = string("cookie.same-site");
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "lax" -> SameSite.LAX;
      case "strict" -> SameSite.STRICT;
      case "none" -> SameSite.NONE;
      default ->
          throw new SessionKitSetupException(
              PREFIX + ".cookie.same-site must be lax, strict or none: " + value,
              "Set " + PREFIX + ".cookie.same-site to lax, strict or none.");
    };
  }
}
