package dev.sessionkit.spring.boot;

import java.security.Principal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Security application that limits each user to one session the way Spring Security
 * documents it, {@code sessionManagement().maximumSessions(1).expiredUrl("/expired")}, with no
 * registry of its own: the starter's {@link SessionKitSessionRegistry} is the one Security finds.
 * With {@code capapp.prevents-login=true} it refuses the extra login instead ({@code
 * maxSessionsPreventsLogin(true)}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CapApp.Me.class)
public class CapApp {

  /** Who is logged in. */
  @RestController
  static class Me {
    @GetMapping("/me")
    String me(Principal principal) {
      return principal.getName();
    }

    @GetMapping("/expired")
    String expired() {
      return "logged out: you logged in elsewhere";
    }
  }

  @Bean
  SecurityFilterChain security(
      HttpSecurity http, @Value("${capapp.prevents-login:false}") boolean preventsLogin) {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/**", "/error", "/expired")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/**"))
        .formLogin(form -> form.defaultSuccessUrl("/me", true))
        .sessionManagement(
            sessions ->
                sessions
                    .maximumSessions(1)
                    .maxSessionsPreventsLogin(preventsLogin)
                    .expiredUrl("/expired"))
        .build();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("frodo").password("{noop}mellon").roles("READER").build(),
        User.withUsername("sam").password("{noop}potatoes").roles("READER").build(),
        User.withUsername("merry").password("{noop}brandybuck").roles("READER").build(),
        User.withUsername("pippin").password("{noop}took").roles("READER").build());
  }
}
