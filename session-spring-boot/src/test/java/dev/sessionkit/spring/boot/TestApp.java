package dev.sessionkit.spring.boot;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application as a user writes one: the starter's auto-configuration, Spring
 * Security's stock form login, and two endpoints that use the plain {@link HttpSession}. It scans
 * nothing, so that each test application of this package ({@link CapApp}) stays apart.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApp.Endpoints.class)
public class TestApp {

  /** Counts the requests of one session in the session itself. */
  @RestController
  static class Endpoints {

    @GetMapping("/public/count")
    String count(HttpSession session) {
      Integer count = (Integer) session.getAttribute("count");
      int next = count == null ? 1 : count + 1;
      session.setAttribute("count", next);
      return Integer.toString(next);
    }

    @GetMapping("/public/last-error")
    String lastError(HttpSession session) {
      Object error = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
      return error instanceof AuthenticationException e ? e.getMessage() : "none";
    }

    @GetMapping("/me")
    String me(Principal principal, HttpSession session) {
      return principal.getName() + " " + session.getClass().getName();
    }
  }

  @Bean
  SecurityFilterChain security(HttpSecurity http) {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/public/**", "/actuator/**", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(form -> form.defaultSuccessUrl("/me"))
        .build();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("frodo").password("{noop}mellon").roles("READER").build());
  }
}
