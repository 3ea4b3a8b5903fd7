package dev.sessionkit.examples.boot;

import dev.sessionkit.servlet.RequireSession;
import dev.sessionkit.spring.boot.SessionKitAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code RequireSession} in front of the protected list: 401 JSON without a logged-in session. */
@Configuration(proxyBeanMethods = false)
class ProtectedPaths {

  @Bean
  FilterRegistrationBean<RequireSession> requireSession() {
    FilterRegistrationBean<RequireSession> registration =
        new FilterRegistrationBean<>(new RequireSession());
    registration.addUrlPatterns("/api/users");
    // after the session filter, which gives it the session to check
    registration.setOrder(SessionKitAutoConfiguration.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }
}
