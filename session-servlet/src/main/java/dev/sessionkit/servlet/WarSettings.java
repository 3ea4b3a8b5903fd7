package dev.sessionkit.servlet;

import dev.sessionkit.spi.TextSettings;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The settings of a WAR that lets {@link SessionKitSetup} register SessionKit: the class path's
 * {@value #FILE} (UTF-8), overridden by the servlet context's parameters whose names start with
 * {@value #PREFIX}. A setting {@code name.env=VARIABLE} takes the value of {@code name} from that
 * environment variable, so that passwords and URIs with credentials stay out of the WAR.
 */
final class WarSettings {

  /** The file looked up on the application's class path. */
  static final String FILE = "sessionkit.properties";

  /** The prefix of every setting's name. */
  static final String PREFIX = "sessionkit.";

  /** The suffix of a setting whose value is the name of an environment variable. */
  static final String ENV = ".env";

  private WarSettings() {}

  /**
   * Reads the settings, or none when the application supplies none.
   *
   * @param context the application's context
   * @param environment how environment variables are read ({@code System::getenv})
   * @return the settings below {@value #PREFIX}, variables resolved except the secret's; null when
   *     there is neither the file nor a context parameter
   * @throws IllegalArgumentException when the file cannot be read, or a variable is not set
   */
  static TextSettings read(ServletContext context, UnaryOperator<String> environment) {
    Map<String, String> raw = new LinkedHashMap<>();
    boolean found = false;
    URL file = context.getClassLoader().getResource(FILE);
    if (file != null) {
      found = true;
      Properties properties = new Properties();
      try (InputStream in = file.openStream()) {
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + FILE + " from " + file, e);
      }
      properties.stringPropertyNames().forEach(name -> raw.put(name, properties.getProperty(name)));
    }
    List<String> params = Collections.list(context.getInitParameterNames());
    for (String name : params) {
      if (name.startsWith(PREFIX)) {
        found = true;
        raw.put(name, context.getInitParameter(name));
      }
    }
    if (!found) {
      return null;
    }
    Map<String, String> below = new LinkedHashMap<>();
    raw.forEach(
        (name, value) -> {
          if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                FILE + " holds " + name + ": every setting's name starts with " + PREFIX);
          }
          below.put(name.substring(PREFIX.length()), value);
        });
    return TextSettings.of(PREFIX, resolve(below, environment));
  }

  /**
   * Replaces each {@code name.env=VARIABLE} by {@code name} with the variable's value. The secret's
   * variables stay named: {@link WarConfig} reads them, since there may be several.
   */
  private static Map<String, String> resolve(
      Map<String, String> settings, UnaryOperator<String> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    settings.forEach(
        (name, value) -> {
          if (!name.endsWith(ENV) || name.equals(WarConfig.SECRET_ENV)) {
            out.put(name, value);
            return;
          }
          String target = name.substring(0, name.length() - ENV.length());
          if (settings.containsKey(target)) {
            throw new IllegalArgumentException(
                PREFIX + target + " and " + PREFIX + name + " are both set: give one");
          }
          out.put(target, variable(environment, value.trim(), PREFIX + name));
        });
    return out;
  }

  /**
   * Reads an environment variable a setting names.
   *
   * @throws IllegalArgumentException naming the variable and the setting when it is not set
   */
  static String variable(UnaryOperator<String> environment, String variable, String setting) {
    String value = environment.apply(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "the environment variable " + variable + " (named by " + setting + ") is not set");
    }
    return value;
  }
}
