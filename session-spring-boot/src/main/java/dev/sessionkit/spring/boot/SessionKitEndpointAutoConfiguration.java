package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionManager;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator {@code sessions} endpoint ({@link SessionKitSessionsEndpoint}), when Actuator is
 * present and the endpoint is exposed ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = SessionKitAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(SessionManager.class)
public class SessionKitEndpointAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public SessionKitEndpointAutoConfiguration() {}

  /**
   * The endpoint.
   *
   * @param manager the engine
   * @return the endpoint
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint
  public SessionKitSessionsEndpoint sessionKitSessionsEndpoint(SessionManager manager) {
    return new SessionKitSessionsEndpoint(manager);
  }
}
