package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionkit.examples.ExampleConfig.SessionStoreKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {

  @Test
  void defaultsServeMemorySessionsOnLocalhost8080() {
    ExampleConfig c = ExampleConfig.from(Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.sessionStore()).isEqualTo(SessionStoreKind.MEMORY);
    assertThat(c.sessionSecret()).isNull();
    assertThat(c.passwordIterations()).isEqualTo(600_000);
    assertThat(c.recordDevice()).as("recording devices is opt-in").isFalse();
  }

  @Test
  void recordingDevicesIsASwitch() {
    assertThat(ExampleConfig.from(Map.of("RECORD_DEVICE", "true")).recordDevice()).isTrue();
    assertThat(
            ExampleConfig.from(Map.of("RECORD_DEVICE", "true"), "--record-device=no")
                .recordDevice())
        .isFalse();
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("RECORD_DEVICE", "maybe")))
        .hasMessage("RECORD_DEVICE must be true or false: 'maybe'");
  }

  @Test
  void flagsOverrideTheEnvironment() {
    ExampleConfig c =
        ExampleConfig.from(
            Map.of("PORT", "9000", "SESSION_STORE", "memory"),
            "--port=9001",
            "--session-store",
            "REDIS",
            "--redis-uri=redis://cache:6379");
    assertThat(c.port()).isEqualTo(9001);
    assertThat(c.sessionStore()).isEqualTo(SessionStoreKind.REDIS);
    assertThat(c.redisUri()).isEqualTo("redis://cache:6379");
  }

  @Test
  void unknownValuesAreRefusedByName() {
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("SESSION_STORE", "mongo")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SESSION_STORE must be one of memory, redis, jdbc, cookie; got 'mongo'");
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("PORT", "eighty")))
        .hasMessageContaining("PORT must be a number");
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("PORT", "70000")))
        .hasMessageContaining("PORT must be 0 to 65535");
    assertThatThrownBy(() -> ExampleConfig.from(Map.of(), "--colour=blue"))
        .hasMessageContaining("unknown option '--colour=blue'");
    assertThatThrownBy(() -> ExampleConfig.from(Map.of(), "--port"))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("SESSION_STORE", "jdbc")))
        .hasMessage("SESSION_STORE=jdbc needs JDBC_URL");
  }

  @Test
  void theRedisNearCacheIsOffByDefaultAndOnlyForRedis() {
    assertThat(ExampleConfig.from(Map.of("SESSION_STORE", "redis")).redisNearCache()).isFalse();
    assertThat(
            ExampleConfig.from(Map.of("SESSION_STORE", "redis", "REDIS_NEAR_CACHE", "true"))
                .redisNearCache())
        .isTrue();
    assertThat(
            ExampleConfig.from(Map.of("SESSION_STORE", "redis"), "--redis-near-cache=TRUE")
                .redisNearCache())
        .isTrue();
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("REDIS_NEAR_CACHE", "true")))
        .hasMessage("REDIS_NEAR_CACHE=true needs SESSION_STORE=redis; got memory");
    assertThatThrownBy(
            () -> ExampleConfig.from(Map.of("SESSION_STORE", "redis", "REDIS_NEAR_CACHE", "maybe")))
        .hasMessage("REDIS_NEAR_CACHE must be true or false: 'maybe'");
  }

  @Test
  void theSecretIsNeverPrinted() {
    ExampleConfig c =
        ExampleConfig.from(Map.of("SESSION_SECRET", "s3cret-s3cret-s3cret-s3cret-s3cret"));
    assertThat(c.toString()).doesNotContain("s3cret");
  }

  @Test
  void expressCompatSwitchesTheFormatsAndTakesASecretList() {
    ExampleConfig c =
        ExampleConfig.from(
            Map.of(
                "SESSION_COMPAT",
                "express",
                "SESSION_STORE",
                "redis",
                "SESSION_SECRET",
                " new , old"));
    assertThat(c.compat()).isEqualTo(ExampleConfig.Compat.EXPRESS);
    assertThat(c.sessionSecrets()).containsExactly("new", "old");
    assertThat(c.effectiveMaxSessionsPerUser()).as("a cap only when asked for").isZero();
    assertThat(
            ExampleConfig.from(
                    Map.of(
                        "SESSION_COMPAT", "express",
                        "SESSION_STORE", "redis",
                        "MAX_SESSIONS_PER_USER", "1"))
                .effectiveMaxSessionsPerUser())
        .as("the express layouts index a user's sessions")
        .isEqualTo(1);
    assertThat(ExampleConfig.from(Map.of()).compat()).isEqualTo(ExampleConfig.Compat.NONE);
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("SESSION_COMPAT", "koa")))
        .hasMessageContaining("SESSION_COMPAT must be none or express");
    assertThatThrownBy(
            () ->
                ExampleConfig.from(Map.of("SESSION_COMPAT", "express", "SESSION_STORE", "cookie")))
        .hasMessageContaining("SESSION_STORE=cookie");
  }

  @Test
  void theIdleTimeoutIsSetInSecondsAndNodesCookieLifetimeFollowsIt() {
    assertThat(ExampleConfig.from(Map.of()).idleTimeout()).isNull();
    ExampleConfig c =
        ExampleConfig.from(Map.of("SESSION_COMPAT", "express", "SESSION_IDLE_SECONDS", "90"));
    assertThat(c.idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(90));
    assertThat(ExampleApp.cookie(c).maxAge())
        .as("the cookie carries Expires, as Node's with cookie.maxAge")
        .contains(java.time.Duration.ofSeconds(90));
    assertThat(ExampleApp.cookie(ExampleConfig.from(Map.of())).maxAge()).isEmpty();
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("SESSION_IDLE_SECONDS", "1")))
        .hasMessageContaining("SESSION_IDLE_SECONDS must be at least 2");
  }

  @Test
  void httpsIsServedWithAKeyStoreOrByAProxyNeverBoth() {
    assertThat(ExampleConfig.from(Map.of()).servesHttps()).isFalse();
    ExampleConfig served =
        ExampleConfig.from(
            Map.of("TLS_KEYSTORE", "/etc/app.p12"), "--tls-keystore-password=hunter2");
    assertThat(served.servesHttps()).isTrue();
    assertThat(served.toString()).contains("https=served").doesNotContain("hunter2");
    assertThat(ExampleConfig.from(Map.of("BEHIND_HTTPS_PROXY", "true")).servesHttps()).isTrue();
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("TLS_KEYSTORE", "/etc/app.p12")))
        .hasMessage("TLS_KEYSTORE needs TLS_KEYSTORE_PASSWORD");
    assertThatThrownBy(() -> ExampleConfig.from(Map.of("TLS_KEYSTORE_PASSWORD", "x")))
        .hasMessage("TLS_KEYSTORE_PASSWORD needs TLS_KEYSTORE");
    assertThatThrownBy(
            () ->
                ExampleConfig.from(
                    Map.of(
                        "TLS_KEYSTORE", "/etc/app.p12",
                        "TLS_KEYSTORE_PASSWORD", "x",
                        "BEHIND_HTTPS_PROXY", "true")))
        .hasMessageContaining("TLS_KEYSTORE and BEHIND_HTTPS_PROXY=true exclude each other");
  }

  @Test
  void overHttpsTheCookieIsAHostCookieUnlessNodeNamesIt() {
    assertThat(ExampleApp.cookie(ExampleConfig.from(Map.of())).name()).isEqualTo("sid");
    dev.sessionkit.CookieSettings https =
        ExampleApp.cookie(ExampleConfig.from(Map.of("BEHIND_HTTPS_PROXY", "true")));
    assertThat(https.hostPrefix()).isTrue();
    assertThat(https.name()).isEqualTo("__Host-sid");
    assertThat(
            ExampleApp.cookie(
                    ExampleConfig.from(
                        Map.of("BEHIND_HTTPS_PROXY", "true", "SESSION_COMPAT", "express")))
                .hostPrefix())
        .isFalse();
  }
}
