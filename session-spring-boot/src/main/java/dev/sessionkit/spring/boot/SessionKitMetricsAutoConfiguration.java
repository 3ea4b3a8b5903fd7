package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionManager;
import dev.sessionkit.metrics.SessionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * SessionKit's meters ({@code session-metrics}) when the application has Micrometer: the {@link
 * SessionMetrics} bean is the engine's listener and a {@link MeterBinder}, which Spring Boot binds
 * to every registry; the live-sessions gauge comes with stores that count cheaply (memory).
 */
@AutoConfiguration(after = SessionKitAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, SessionMetrics.class})
@ConditionalOnBean(SessionManager.class)
@ConditionalOnProperty(prefix = "sessionkit.metrics", name = "enabled", matchIfMissing = true)
public class SessionKitMetricsAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public SessionKitMetricsAutoConfiguration() {}

  /**
   * The meters, and the listener that moves them; the engine's config picks it up as a listener.
   *
   * @return the meters, unbound until Boot binds them
   */
  @Bean
  @ConditionalOnMissingBean
  public SessionMetrics sessionKitMetrics() {
    return SessionMetrics.create();
  }

  /**
   * The {@value SessionMetrics#SESSIONS_LIVE} gauge, bound only when the store counts cheaply.
   *
   * @param manager the engine
   * @return a binder that registers the gauge, or nothing
   */
  @Bean
  public MeterBinder sessionKitLiveSessions(SessionManager manager) {
    return registry ->
        SessionMetrics.liveSessions(manager).ifPresent(gauge -> gauge.bindTo(registry));
  }
}
