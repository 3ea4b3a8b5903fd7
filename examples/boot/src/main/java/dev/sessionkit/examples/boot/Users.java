package dev.sessionkit.examples.boot;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo's two users, their passwords kept as PBKDF2-HMAC-SHA256 hashes with a random salt
 * (Spring Security's encoder); an unknown name costs the same hashing as a wrong password.
 */
@Component
class Users {

  private final Pbkdf2PasswordEncoder encoder;
  private final Map<String, String> hashes;
  private final String unknownUser;

  Users(@Value("${PBKDF2_ITERATIONS:600000}") int iterations) {
    this.encoder =
        new Pbkdf2PasswordEncoder(
            "",
            16,
            iterations,
            Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);
    this.hashes = Map.of("frodo", encoder.encode("mellon"), "sam", encoder.encode("potatoes"));
    this.unknownUser = encoder.encode("no such user");
  }

  Optional<String> authenticate(String name, String password) {
    String hash = hashes.get(name);
    boolean matches = encoder.matches(password, hash != null ? hash : unknownUser);
    return matches && hash != null ? Optional.of(name) : Optional.empty();
  }

  List<String> names() {
    return hashes.keySet().stream().sorted().toList();
  }
}
