package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;

/**
 * The start-up warning for {@code maximumSessions} without {@code
 * sessionkit.max-sessions-per-principal}: once when the strategy is built without the property,
 * never with it.
 */
class MaximumSessionsCheckTest {

  private final Logger log = Logger.getLogger(MaximumSessionsCheck.class.getName());
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord entry) {
          warnings.add(entry.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private final WebApplicationContextRunner runner =
      SpringSecurityAutoConfigurationTest.runner()
          // As Spring Security's configurer builds it: through the context's post-processors.
          .withBean(
              "strategy",
              ConcurrentSessionControlAuthenticationStrategy.class,
              () -> new ConcurrentSessionControlAuthenticationStrategy(new SessionRegistryImpl()));

  @BeforeEach
  void listen() {
    log.addHandler(capture);
  }

  @AfterEach
  void stop() {
    log.removeHandler(capture);
  }

  @Test
  void maximumSessionsWithoutTheStoreCapWarnsOnce() {
    runner.run(context -> assertThat(context).hasNotFailed());
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("maximumSessions")
        .contains("sessionkit.max-sessions-per-principal");
  }

  @Test
  void maximumSessionsWithTheStoreCapSaysNothing() {
    runner
        .withPropertyValues("sessionkit.max-sessions-per-principal=1")
        .run(context -> assertThat(context).hasNotFailed());
    assertThat(warnings).isEmpty();
  }
}
