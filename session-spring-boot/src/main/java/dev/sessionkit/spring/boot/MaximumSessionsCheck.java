package dev.sessionkit.spring.boot;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;

/**
 * Warns once at start-up when Spring Security's {@code maximumSessions} is on but {@code
 * sessionkit.max-sessions-per-principal} is not set: the cap then holds for logins one after
 * another, but two logins at the same moment can both stay. Spring Security builds its strategy
 * through its object post-processor, which runs the context's bean post-processors, so the strategy
 * passes through here; its limit is private to it, so this can warn but not set the store's cap.
 */
final class MaximumSessionsCheck implements BeanPostProcessor {

  private static final System.Logger LOG = System.getLogger(MaximumSessionsCheck.class.getName());

  private final ObjectProvider<SessionKitProperties> properties;
  private final AtomicBoolean warned = new AtomicBoolean();

  MaximumSessionsCheck(ObjectProvider<SessionKitProperties> properties) {
    this.properties = properties;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ConcurrentSessionControlAuthenticationStrategy && !warned.get()) {
      SessionKitProperties settings = properties.getIfAvailable();
      if (settings != null
          && settings.getMaxSessionsPerPrincipal() == null
          && warned.compareAndSet(false, true)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Spring Security's maximumSessions is on but sessionkit.max-sessions-per-principal is"
                + " not set: two logins of one user at the same moment can both stay. Set it to"
                + " the same number (docs/spring-security.md, Why both settings).");
      }
    }
    return bean;
  }
}
