package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SameSite;
import dev.sessionkit.SecureMode;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.metrics.SessionMetrics;
import dev.sessionkit.servlet.SessionFilter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * The auto-configuration in a servlet application context without a server: what it builds from the
 * properties, and each start-up failure it promises.
 */
class AutoConfigurationTest {

  static final String SECRET = "sessionkit.secret=" + "s".repeat(40);

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  SessionKitAutoConfiguration.class,
                  SessionKitMetricsAutoConfiguration.class,
                  SessionKitHealthAutoConfiguration.class));

  @Test
  void aMissingSecretFailsStartUpNamingTheProperty() {
    runner.run(
        context ->
            assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessionkit.secret is not set"));
  }

  @Test
  void startUpFailuresAreReportedWithoutAStackTrace() {
    runner.run(
        context -> {
          org.springframework.boot.diagnostics.FailureAnalysis analysis =
              new SessionKitFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription()).startsWith("sessionkit.secret is not set");
          assertThat(analysis.getAction()).contains("SESSIONKIT_SECRET");
        });
    runner
        .withPropertyValues("sessionkit.secret=short")
        .run(
            context ->
                assertThat(
                        new SessionKitFailureAnalyzer()
                            .analyze(context.getStartupFailure())
                            .getDescription())
                    .startsWith("SessionKit refused its settings: ")
                    .contains("32"));
  }

  @Test
  void aShortSecretFailsStartUp() {
    runner
        .withPropertyValues("sessionkit.secret=short")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("32"));
  }

  @Test
  void secretAndSecretsTogetherFailStartUp() {
    runner
        .withPropertyValues(SECRET, "sessionkit.secrets[0]=" + "t".repeat(40))
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sessionkit.secret and sessionkit.secrets"));
  }

  @Test
  void withOnlyTheSecretTheMemoryStoreServesBehindTheFilter() {
    runner
        .withPropertyValues(SECRET)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              SessionManager manager = context.getBean(SessionManager.class);
              assertThat(manager.inventory()).isPresent(); // the memory store counts
              FilterRegistrationBean<?> filter =
                  context.getBean("sessionKitFilter", FilterRegistrationBean.class);
              assertThat(filter.getFilter()).isInstanceOf(SessionFilter.class);
              assertThat(filter.getOrder())
                  .isEqualTo(SessionKitAutoConfiguration.DEFAULT_FILTER_ORDER)
                  .isLessThan(SessionKitAutoConfiguration.SECURITY_DEFAULT_FILTER_ORDER);
              assertThat(context).hasSingleBean(SessionMetrics.class);
              assertThat(context).hasBean("sessionkitHealthIndicator");
              SessionConfig config = manager.config();
              assertThat(config.idleTimeout()).isEqualTo(SessionConfig.DEFAULT_IDLE_TIMEOUT);
              assertThat(config.renewalInterval()).contains(SessionConfig.DEFAULT_RENEWAL_INTERVAL);
              assertThat(config.listener()).isSameAs(context.getBean(SessionMetrics.class));
            });
  }

  @Test
  void switchesTurnSessionKitHealthAndMetricsOff() {
    runner
        .withPropertyValues(SECRET, "sessionkit.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(SessionManager.class);
              assertThat(context).doesNotHaveBean("sessionKitFilter");
            });
    runner
        .withPropertyValues(
            SECRET,
            "management.health.sessionkit.enabled=false",
            "sessionkit.metrics.enabled=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SessionManager.class);
              assertThat(context).doesNotHaveBean("sessionkitHealthIndicator");
              assertThat(context).doesNotHaveBean(SessionMetrics.class);
              assertThat(context.getBean(SessionConfig.class).listener())
                  .isSameAs(dev.sessionkit.SessionListener.NONE);
            });
  }

  @Test
  void secretsRotateFirstSigning() {
    runner
        .withPropertyValues(
            "sessionkit.secrets[0]=" + "n".repeat(40), "sessionkit.secrets[1]=" + "o".repeat(40))
        .run(
            context ->
                assertThat(context.getBean(SessionConfig.class).keyRing().size()).isEqualTo(2));
  }

  @Test
  void servletSessionPropertiesAreHonoured() {
    runner
        .withPropertyValues(
            SECRET,
            "server.servlet.session.timeout=45m",
            "server.servlet.session.cookie.name=app",
            "server.servlet.session.cookie.path=/app",
            "server.servlet.session.cookie.domain=example.org",
            "server.servlet.session.cookie.max-age=3600",
            "server.servlet.session.cookie.http-only=false",
            "server.servlet.session.cookie.secure=false",
            "server.servlet.session.cookie.same-site=strict",
            "server.servlet.session.tracking-modes=cookie")
        .run(
            context -> {
              SessionConfig config = context.getBean(SessionConfig.class);
              assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(45));
              assertThat(config.cookie().name()).isEqualTo("app");
              assertThat(config.cookie().path()).isEqualTo("/app");
              assertThat(config.cookie().domain()).contains("example.org");
              assertThat(config.cookie().maxAge()).contains(Duration.ofHours(1));
              assertThat(config.cookie().httpOnly()).isFalse();
              assertThat(config.cookie().secure()).isEqualTo(SecureMode.NEVER);
              assertThat(config.cookie().sameSite()).isEqualTo(SameSite.STRICT);
            });
  }

  @Test
  void sessionkitPropertiesTakePrecedenceOverServletOnes() {
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger(SessionConfigFactory.class.getName());
    java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            warnings.add(
                java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(capture);
    try {
      precedence();
    } finally {
      log.removeHandler(capture);
    }
    assertThat(warnings)
        .contains(
            "sessionkit.idle-timeout=10m takes precedence over server.servlet.session.timeout=45m",
            "sessionkit.cookie.secure=auto takes precedence over"
                + " server.servlet.session.cookie.secure=true");
  }

  @Test
  void renewalIsSetOrSwitchedOffByProperties() {
    runner
        .withPropertyValues(
            SECRET, "sessionkit.renewal-interval=5m", "sessionkit.renewal-grace=10s")
        .run(
            context -> {
              SessionConfig config = context.getBean(SessionConfig.class);
              assertThat(config.renewalInterval()).contains(Duration.ofMinutes(5));
              assertThat(config.renewalGrace()).isEqualTo(Duration.ofSeconds(10));
            });
    runner
        .withPropertyValues(SECRET, "sessionkit.renewal-interval=0")
        .run(
            context ->
                assertThat(context.getBean(SessionConfig.class).renewalInterval()).isEmpty());
  }

  private void precedence() {
    runner
        .withPropertyValues(
            SECRET,
            "sessionkit.idle-timeout=10m",
            "server.servlet.session.timeout=45m",
            "sessionkit.cookie.secure=auto",
            "server.servlet.session.cookie.secure=true",
            "sessionkit.cookie.name=mine",
            "server.servlet.session.cookie.name=theirs")
        .run(
            context -> {
              SessionConfig config = context.getBean(SessionConfig.class);
              assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
              assertThat(config.cookie().secure()).isEqualTo(SecureMode.AUTO);
              assertThat(config.cookie().name()).isEqualTo("mine");
            });
  }

  @Test
  void servletSessionPropertiesWeCannotHonourFailStartUpNamingEach() {
    runner
        .withPropertyValues(
            SECRET,
            "server.servlet.session.persistent=true",
            "server.servlet.session.store-dir=/tmp/sessions",
            "server.servlet.session.tracking-modes=cookie,url")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("server.servlet.session.persistent")
                    .hasMessageContaining("server.servlet.session.store-dir")
                    .hasMessageContaining("server.servlet.session.tracking-modes=url")
                    .hasMessageNotContaining("cookie.name"));
  }

  @Test
  void servletSessionPropertiesFromTheEnvironmentAreSeenInTheirRelaxedForm() {
    runner
        .withPropertyValues(SECRET)
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new org.springframework.core.env.SystemEnvironmentPropertySource(
                            "test-systemEnvironment",
                            java.util.Map.of("SERVER_SERVLET_SESSION_COOKIE_COMMENT", "x"))))
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("server.servlet.session.cookie.comment"));
  }

  @Test
  void cookieStoreKeepsNothingOnTheServer() {
    runner
        .withPropertyValues(SECRET, "sessionkit.store=cookie")
        .run(
            context -> {
              SessionManager manager = context.getBean(SessionManager.class);
              assertThat(manager.inventory()).isEmpty();
              assertThat(manager.byPrincipal()).isEmpty();
            });
  }

  @Test
  void aCapOnCookieSessionsFailsStartUp() {
    runner
        .withPropertyValues(
            SECRET, "sessionkit.store=cookie", "sessionkit.max-sessions-per-principal=3")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("maxSessionsPerPrincipal"));
  }

  @Test
  void jdbcWithoutADatabaseFailsStartUpSayingWhatToSet() {
    runner
        .withPropertyValues(SECRET, "sessionkit.store=jdbc")
        .run(
            context -> {
              assertThat(context)
                  .getFailure()
                  .rootCause()
                  .hasMessageContaining("sessionkit.store=jdbc needs a database");
              assertThat(new SessionKitFailureAnalyzer().analyze(context.getStartupFailure()))
                  .satisfies(
                      analysis ->
                          assertThat(analysis.getAction())
                              .contains("spring.datasource.url")
                              .contains("sessionkit.jdbc.url"));
            });
  }

  @Test
  void aFilterOrderAfterSpringSecurityFailsStartUp() {
    runner
        .withPropertyValues(SECRET, "sessionkit.filter.order=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sessionkit.filter.order (0)")
                    .hasMessageContaining("spring.security.filter.order (-100)"));
  }

  @Test
  void anApplicationWithoutActuatorMicrometerOrStoresStillStarts() {
    runner
        .withPropertyValues(SECRET, "sessionkit.store=cookie")
        .withClassLoader(
            new FilteredClassLoader(
                HealthIndicator.class,
                io.micrometer.core.instrument.MeterRegistry.class,
                dev.sessionkit.redis.RedisSessionStore.class,
                dev.sessionkit.jdbc.JdbcSessionStore.class,
                dev.sessionkit.memory.MemorySessionStore.class,
                org.springframework.security.web.FilterChainProxy.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(SessionManager.class);
              assertThat(context).doesNotHaveBean(SessionMetrics.class);
              assertThat(context).doesNotHaveBean("sessionkitHealthIndicator");
            });
  }

  @Test
  void aStoreWhoseModuleIsMissingFailsStartUpNamingIt() {
    runner
        .withPropertyValues(SECRET, "sessionkit.store=redis")
        .withClassLoader(new FilteredClassLoader(dev.sessionkit.redis.RedisSessionStore.class))
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("dev.sessionkit:session-store-redis"));
  }

  @Test
  void customizersAddWhatPropertiesCannotSay() {
    runner
        .withPropertyValues(SECRET)
        .withBean(
            SessionKitConfigCustomizer.class,
            () -> config -> config.attributeType("user", User.class))
        .run(
            context -> {
              SessionConfig config = context.getBean(SessionConfig.class);
              assertThat(config.attributeTypes()).containsKey("user");
            });
  }

  @Test
  void springDataRedisPropertiesBecomeTheStoresUri() {
    org.springframework.mock.env.MockEnvironment environment =
        new org.springframework.mock.env.MockEnvironment()
            .withProperty("spring.data.redis.host", "cache.internal")
            .withProperty("spring.data.redis.port", "6390")
            .withProperty("spring.data.redis.username", "app")
            .withProperty("spring.data.redis.password", "p@ss word")
            .withProperty("spring.data.redis.database", "3")
            .withProperty("spring.data.redis.ssl.enabled", "true");
    SpringDataRedis redis =
        SpringDataRedis.read(
            org.springframework.boot.context.properties.bind.Binder.get(environment));
    assertThat(redis.uri()).isEqualTo("rediss://app:p%40ss+word@cache.internal:6390/3");
  }

  @Test
  void springDataRedisSentinelAndClusterBecomeTheirUris() {
    SpringDataRedis sentinel =
        SpringDataRedis.read(
            org.springframework.boot.context.properties.bind.Binder.get(
                new org.springframework.mock.env.MockEnvironment()
                    .withProperty("spring.data.redis.sentinel.master", "mymaster")
                    .withProperty("spring.data.redis.sentinel.nodes", "s1:26379, s2:26379")
                    .withProperty("spring.data.redis.password", "pw")));
    assertThat(sentinel.uri()).isEqualTo("redis-sentinel://:pw@s1:26379,s2:26379/0#mymaster");
    SpringDataRedis cluster =
        SpringDataRedis.read(
            org.springframework.boot.context.properties.bind.Binder.get(
                new org.springframework.mock.env.MockEnvironment()
                    .withProperty("spring.data.redis.cluster.nodes", "n1:7000,n2:7001")));
    assertThat(cluster.clusterUris()).containsExactly("redis://n1:7000", "redis://n2:7001");
    SpringDataRedis url =
        SpringDataRedis.read(
            org.springframework.boot.context.properties.bind.Binder.get(
                new org.springframework.mock.env.MockEnvironment()
                    .withProperty("spring.data.redis.url", "rediss://h:6380/2")));
    assertThat(url.uri()).isEqualTo("rediss://h:6380/2");
  }

  record User(String name) {}
}
