package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionManager;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * SessionKit with Spring Security: the session's principal follows the authentication ({@link
 * SecurityPrincipalFilter}, {@code sessionkit.security.principal}), and Spring Security's {@code
 * maximumSessions} gets a {@link SessionRegistry} on SessionKit's per-principal index ({@link
 * SessionKitSessionRegistry}, {@code sessionkit.security.session-registry}) unless the application
 * has its own.
 */
@AutoConfiguration(after = SessionKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SessionRegistry.class, HttpSessionSecurityContextRepository.class})
@ConditionalOnBean(SessionManager.class)
public class SessionKitSpringSecurityAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public SessionKitSpringSecurityAutoConfiguration() {}

  /**
   * Registers the filter that sets the principal from Spring Security's authentication, just after
   * SessionKit's filter and before Spring Security's chain.
   *
   * @param properties the {@code sessionkit.*} properties, for the filter's order
   * @return the registration
   */
  @Bean
  @ConditionalOnProperty(prefix = "sessionkit.security", name = "principal", matchIfMissing = true)
  public FilterRegistrationBean<?> sessionKitSecurityPrincipalFilter(
      SessionKitProperties properties) {
    FilterRegistrationBean<SecurityPrincipalFilter> registration =
        new FilterRegistrationBean<>(new SecurityPrincipalFilter());
    registration.setName("sessionKitSecurityPrincipalFilter");
    registration.setOrder(properties.getFilter().getOrder() + 1);
    registration.setAsyncSupported(true);
    registration.setDispatcherTypes(
        DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    return registration;
  }

  /**
   * Warns at start-up when {@code maximumSessions} is on without {@code
   * sessionkit.max-sessions-per-principal} ({@link MaximumSessionsCheck}).
   *
   * @param properties the {@code sessionkit.*} properties, read when Spring Security's strategy is
   *     built
   * @return the check
   */
  @Bean
  @ConditionalOnClass(ConcurrentSessionControlAuthenticationStrategy.class)
  public static BeanPostProcessor sessionKitMaximumSessionsCheck(
      ObjectProvider<SessionKitProperties> properties) {
    return new MaximumSessionsCheck(properties);
  }

  /**
   * The registry Spring Security's {@code maximumSessions} finds as a bean.
   *
   * @param manager the engine
   * @return the registry
   */
  @Bean
  @ConditionalOnMissingBean(SessionRegistry.class)
  @ConditionalOnProperty(
      prefix = "sessionkit.security",
      name = "session-registry",
      matchIfMissing = true)
  public SessionKitSessionRegistry sessionKitSessionRegistry(SessionManager manager) {
    return new SessionKitSessionRegistry(manager);
  }
}
