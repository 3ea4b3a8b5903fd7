package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionConfigBuilder;

/**
 * Adds to the {@link dev.sessionkit.SessionConfig} the auto-configuration builds what properties
 * cannot say: attribute types ({@code attributeType("user", User.class)}), type aliases, a JSON
 * mapper, a clock. Declare one or more as beans; they run in their {@code @Order}, after the
 * properties are applied, and each setting may still be given only once.
 *
 * <pre>{@code
 * @Bean
 * SessionKitConfigCustomizer userType() {
 *   return config -> config.attributeType("user", User.class);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SessionKitConfigCustomizer {

  /**
   * Adds settings to the builder.
   *
   * @param config the builder, with the properties already applied
   */
  void customize(SessionConfigBuilder config);
}
