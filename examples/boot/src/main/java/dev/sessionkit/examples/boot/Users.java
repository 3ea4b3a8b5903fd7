package dev.sessionkit.examples.boot;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.stereotype.Component;

/**
 * The demo's users, as in the Jetty example: {@code frodo} / {@code mellon} (who also holds {@code
 * ADMIN}, the role that may use {@code /actuator/sessions}) and {@code sam} / {@code potatoes}.
 * Passwords are kept as PBKDF2-HMAC-SHA256 hashes with a random salt.
 */
@Component
class Users {

  private final Pbkdf2PasswordEncoder encoder;

  Users(@Value("${PBKDF2_ITERATIONS:600000}") int iterations) {
    this.encoder =
        new Pbkdf2PasswordEncoder(
            "",
            16,
            iterations,
            Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);
  }

  PasswordEncoder encoder() {
    return encoder;
  }

  List<String> names() {
    return List.of("frodo", "sam");
  }

  @Bean
  UserDetailsService userDetailsService() {
    return new InMemoryUserDetailsManager(
        User.withUsername("frodo")
            .password(encoder.encode("mellon"))
            .roles("USER", "ADMIN")
            .build(),
        User.withUsername("sam").password(encoder.encode("potatoes")).roles("USER").build());
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return encoder;
  }
}
