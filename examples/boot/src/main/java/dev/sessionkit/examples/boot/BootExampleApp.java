package dev.sessionkit.examples.boot;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example app of {@code examples/} on Spring Boot and Spring Security: the same page, JSON API
 * and "your sessions" as the Jetty example, with Spring Security's form login, at most {@code
 * MAX_SESSIONS_PER_USER} sessions per user, and SessionKit sessions from the starter alone.
 * Settings are the Jetty example's environment variables, mapped to {@code sessionkit.*} in {@code
 * application.properties}.
 */
@SpringBootApplication
public class BootExampleApp {

  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=8081}
   */
  public static void main(String[] args) {
    run(args);
  }

  /**
   * Starts the application and returns its context, for tests.
   *
   * @param args Spring Boot arguments
   * @return the running context
   */
  public static ConfigurableApplicationContext run(String... args) {
    String[] all = args;
    String secret = System.getenv("SESSION_SECRET");
    boolean given = Arrays.stream(args).anyMatch(a -> a.startsWith("--sessionkit.secret"));
    if ((secret == null || secret.isBlank()) && !given) {
      // As the Jetty example does: a random secret, so that a first run needs no setting; sessions
      // then end with the process and are not shared between instances.
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      System.err.println(
          "SESSION_SECRET is not set: using a random one; sessions will not survive a restart");
      all = Arrays.copyOf(args, args.length + 1);
      all[args.length] =
          "--sessionkit.secret=" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
    return SpringApplication.run(BootExampleApp.class, all);
  }
}
