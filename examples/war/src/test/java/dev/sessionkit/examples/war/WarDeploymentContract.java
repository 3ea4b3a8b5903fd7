package dev.sessionkit.examples.war;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testsupport.TcpForwarder;
import dev.sessionkit.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A WAR that holds no SessionKit code, only its jars and settings, deployed into a real container:
 * the flow is served, {@code <session-config>} is applied or refused at start, the WAR deploys
 * while Redis is down and serves once it is back, and deploying and undeploying it leaves no
 * threads.
 */
abstract class WarDeploymentContract {

  private WarServer server;

  /** Starts the container under test. */
  abstract WarServer start() throws Exception;

  /** The container's warnings that an undeployed WAR left threads running; none by default. */
  List<String> leakWarnings() {
    return List.of();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.stop();
  }

  @Test
  void aWarWithNoCodeServesTheFlowWithItsSessionConfig() throws Exception {
    Path war =
        new WarBuilder()
            .sessionConfig(
                "<session-timeout>1</session-timeout>"
                    + "<cookie-config><name>MYSID</name><http-only>true</http-only>"
                    + "<max-age>600</max-age></cookie-config>")
            .build();
    WarServer.Deployed deployed = server.deploy(war);
    assertThat(deployed.failure()).isNull();
    Browser browser = new Browser(server.port());

    assertThat(browser.get("/me").statusCode()).isEqualTo(401);
    HttpResponse<String> login = browser.post("/login?user=frodo");
    assertThat(login.statusCode()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("MYSID=").contains("Max-Age=600").contains("HttpOnly");
    assertThat(browser.cookies()).containsOnlyKeys("MYSID");
    assertListenerCounts(browser, 1, 0);

    HttpResponse<String> me = browser.get("/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).isEqualTo("user=frodo idle=60");

    assertThat(browser.post("/logout").statusCode()).isEqualTo(200);
    assertThat(browser.cookies()).isEmpty();
    assertListenerCounts(browser, 1, 1);
    assertThat(browser.get("/me").statusCode()).isEqualTo(401);
    deployed.stop();
  }

  @Test
  void withoutSettingsTheContainerKeepsItsOwnSessions() throws Exception {
    WarServer.Deployed deployed = server.deploy(new WarBuilder().withoutSettings().build());
    assertThat(deployed.failure()).isNull();
    Browser browser = new Browser(server.port());

    assertThat(browser.post("/login?user=frodo").statusCode()).isEqualTo(200);
    assertThat(browser.cookies()).containsOnlyKeys("JSESSIONID");
    assertThat(browser.get("/me").body()).startsWith("user=frodo");
    deployed.stop();
  }

  @Test
  void sessionConfigThatCannotBeHonouredFailsTheStartNamingIt() throws Exception {
    Path war =
        new WarBuilder()
            .sessionConfig(
                "<cookie-config><attribute><attribute-name>Priority</attribute-name>"
                    + "<attribute-value>High</attribute-value></attribute></cookie-config>"
                    + "<tracking-mode>URL</tracking-mode>")
            .build();
    WarServer.Deployed deployed = server.deploy(war);
    assertThat(messages(deployed.failure()))
        .anySatisfy(
            message ->
                assertThat(message)
                    .contains("SessionKit cannot start")
                    .contains("<tracking-mode>URL</tracking-mode>")
                    .contains("<cookie-config><attribute> Priority"));
    deployed.stop();
  }

  @Test
  void aMisspeltSettingFailsTheStartNamingIt() throws Exception {
    Path war = new WarBuilder().setting("sessionkit.idle-timout", "5m").build();
    WarServer.Deployed deployed = server.deploy(war);
    assertThat(messages(deployed.failure()))
        .anySatisfy(message -> assertThat(message).contains("sessionkit.idle-timout"));
    deployed.stop();
  }

  @Test
  void requireSessionGuardsThePathsTheSettingsName() throws Exception {
    Path war =
        new WarBuilder()
            .setting("sessionkit.require-session.paths", "/count")
            .declare(
                "<context-param><param-name>sessionkit.require-session.status</param-name>"
                    + "<param-value>403</param-value></context-param>")
            .build();
    WarServer.Deployed deployed = server.deploy(war);
    assertThat(deployed.failure()).isNull();
    HttpResponse<String> refused = new Browser(server.port()).get("/count");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    deployed.stop();
  }

  @Test
  void aSessionFilterDeclaredBesideTheSettingsFailsTheStart() throws Exception {
    Path war =
        new WarBuilder()
            .declare(
                "<filter><filter-name>mine</filter-name>"
                    + "<filter-class>dev.sessionkit.servlet.SessionFilter</filter-class></filter>")
            .build();
    WarServer.Deployed deployed = server.deploy(war);
    assertThat(messages(deployed.failure()))
        .anySatisfy(message -> assertThat(message).contains("declares a SessionFilter (mine)"));
    deployed.stop();
  }

  @Test
  void deploysWhileRedisIsDownAndServesOnceItIsBack() throws Exception {
    URI redis = URI.create(TestServers.redisUri(getClass().getSimpleName()));
    try (TcpForwarder link = new TcpForwarder(redis.getHost(), redis.getPort())) {
      link.partition();
      WarServer.Deployed deployed = server.deploy(redisWar(link).build());
      assertThat(deployed.failure()).isNull();
      Browser browser = new Browser(server.port());

      HttpResponse<String> down = browser.post("/login?user=frodo");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("{\"error\":\"session store unavailable\"}");
      assertThat(down.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/json");

      link.heal();
      assertThat(browser.post("/login?user=frodo").statusCode()).isEqualTo(200);
      assertThat(browser.get("/me").body()).startsWith("user=frodo");
      deployed.stop();
    }
  }

  @Test
  void deployingAndUndeployingLeavesNoThreadsBehind() throws Exception {
    URI redis = URI.create(TestServers.redisUri(getClass().getSimpleName()));
    try (TcpForwarder link = new TcpForwarder(redis.getHost(), redis.getPort())) {
      Path war = redisWar(link).build();
      Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
      for (int i = 0; i < 5; i++) {
        WarServer.Deployed deployed = server.deploy(war);
        assertThat(deployed.failure()).isNull();
        Browser browser = new Browser(server.port());
        assertThat(browser.post("/login?user=frodo").statusCode()).isEqualTo(200);
        assertThat(browser.get("/me").statusCode()).isEqualTo(200);
        deployed.stop();
      }
      List<String> left = new ArrayList<>();
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        String name = thread.getName().toLowerCase(Locale.ROOT);
        if (!before.contains(thread)
            && thread.isAlive()
            && (name.contains("lettuce") || name.contains("sessionkit"))) {
          left.add(thread.getName());
        }
      }
      assertThat(left).as("threads left after 5 deploy/undeploy cycles").isEmpty();
      assertThat(leakWarnings()).isEmpty();
    }
  }

  /**
   * Asserts what the WAR's counting {@code HttpSessionListener}, declared in its {@code web.xml},
   * heard: SessionKit's sessions reach it through the servlet module's listener bridge.
   */
  static void assertListenerCounts(Browser browser, int created, int destroyed) throws Exception {
    assertThat(browser.get("/count").body())
        .isEqualTo("created=" + created + " destroyed=" + destroyed);
  }

  private static WarBuilder redisWar(TcpForwarder link) {
    return new WarBuilder()
        .setting("sessionkit.store", "redis")
        .setting("sessionkit.redis.uri", "redis://127.0.0.1:" + link.port())
        // Long enough for a first connect from a freshly deployed WAR on a busy machine (its
        // class loader loads Lettuce and Netty anew); short enough that a cut link fails fast.
        .setting("sessionkit.redis.timeout", "3s")
        .setting("sessionkit.redis.key-prefix", "war-" + UUID.randomUUID() + ":");
  }

  private static List<String> messages(Throwable failure) {
    assertThat(failure).as("the start failed").isNotNull();
    List<String> messages = new ArrayList<>();
    collect(failure, messages, new HashSet<>());
    return messages;
  }

  private static void collect(Throwable t, List<String> messages, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    messages.add(String.valueOf(t.getMessage()));
    collect(t.getCause(), messages, seen);
    for (Throwable suppressed : t.getSuppressed()) {
      collect(suppressed, messages, seen);
    }
  }
}
