package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionManager;
import dev.sessionkit.spi.StoreFactory;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The session store's health, as the {@code sessionkit} component of {@code /actuator/health}, when
 * the application has Spring Boot's health module (Actuator brings it). Switched off with {@code
 * management.health.sessionkit.enabled=false}.
 */
@AutoConfiguration(after = SessionKitAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SessionManager.class)
@ConditionalOnEnabledHealthIndicator("sessionkit")
public class SessionKitHealthAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public SessionKitHealthAutoConfiguration() {}

  /**
   * The indicator; its bean name makes the component {@code sessionkit}.
   *
   * @param manager the engine
   * @param properties the {@code sessionkit.*} properties, for the store's name
   * @param own the application's store factory, if any
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "sessionkitHealthIndicator")
  public SessionStoreHealthIndicator sessionkitHealthIndicator(
      SessionManager manager, SessionKitProperties properties, ObjectProvider<StoreFactory> own) {
    String store =
        own.getIfUnique() != null
            ? "custom"
            : properties.getStore().name().toLowerCase(Locale.ROOT);
    return new SessionStoreHealthIndicator(manager, store);
  }
}
