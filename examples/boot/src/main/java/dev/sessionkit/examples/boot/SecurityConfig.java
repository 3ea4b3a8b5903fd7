package dev.sessionkit.examples.boot;

import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Spring Security as a Boot application configures it, with SessionKit underneath from the starter
 * alone: form login at {@code /login}, a JSON login at {@code /api/login} for the page's script and
 * REST clients, CSRF tokens kept in the session, at most {@code MAX_SESSIONS_PER_USER} sessions per
 * user through {@code maximumSessions} (counted on the shared store by the starter's {@code
 * SessionRegistry}; a login over it expires the oldest, whose next request lands on {@code
 * /expired}), and the Actuator sessions endpoint for the {@code ADMIN} role only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  @Bean
  SecurityFilterChain security(
      HttpSecurity http, @Value("${MAX_SESSIONS_PER_USER:5}") int maxSessionsPerUser) {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/",
                        "/app.js",
                        "/csrf.js",
                        "/sessions.js",
                        "/app.css",
                        "/error",
                        "/expired")
                    .permitAll()
                    .requestMatchers("/api/login", "/api/csrf", "/api/me", "/api/greet")
                    .permitAll()
                    .requestMatchers("/actuator/health/**", "/actuator/health")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole("ADMIN")
                    .anyRequest()
                    .authenticated())
        .formLogin(form -> form.defaultSuccessUrl("/sessions", true).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .exceptionHandling(
            errors ->
                errors
                    .defaultAuthenticationEntryPointFor(
                        json(401, "unauthorized"), PathPatternRequestMatcher.pathPattern("/api/**"))
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        PathPatternRequestMatcher.pathPattern("/**")))
        .sessionManagement(
            sessions -> sessions.maximumSessions(maxSessionsPerUser).expiredUrl("/expired"))
        .build();
  }

  /** Checks passwords for the JSON login, against the same users as the form login. */
  @Bean
  AuthenticationManager authenticationManager(UserDetailsService users, Users passwords) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
    provider.setPasswordEncoder(passwords.encoder());
    return new ProviderManager(provider);
  }

  /** Where the JSON login saves the security context: the session, as form login does. */
  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  private static AuthenticationEntryPoint json(int status, String error) {
    byte[] body = ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
    return (request, response, exception) -> {
      response.setStatus(status);
      response.setContentType("application/json");
      response.setHeader("Cache-Control", "no-store");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    };
  }
}
