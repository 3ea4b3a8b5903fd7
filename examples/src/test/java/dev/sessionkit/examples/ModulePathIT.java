package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular application on the module path uses the example's stack: it requires SessionKit's
 * modules by name, runs the session filter with the memory store on Jetty, keeps a typed attribute
 * across two requests, builds the Redis and JDBC stores' factories, and finds that core exports
 * only its API and SPI packages. Compiled and run in a child JVM, with nothing on the class path.
 */
class ModulePathIT {

  /** The jars the application runs on: SessionKit, its dependencies and Jetty's server. */
  private static final Pattern STACK =
      Pattern.compile(
          "(session-(core|servlet|store-memory|store-redis|store-jdbc)-|jackson-|caffeine-"
              + "|jspecify-|error_prone_annotations-|jakarta\\.servlet-api-|jetty-(ee10-servlet|http"
              + "|io|security|server|session|util)-|slf4j-api-|lettuce-core-|netty-|reactor-core-"
              + "|reactive-streams-|redis-authx-core-|HikariCP-).*\\.jar");

  private static final String MODULE_INFO =
      """
      module app {
        requires dev.sessionkit.servlet;
        requires dev.sessionkit.memory;
        requires dev.sessionkit.redis;
        requires dev.sessionkit.jdbc;
        requires org.eclipse.jetty.ee10.servlet;
        requires java.net.http;
        opens app to tools.jackson.databind;
      }
      """;

  private static final String MAIN =
      """
      package app;

      import dev.sessionkit.SessionConfig;
      import dev.sessionkit.SessionManager;
      import dev.sessionkit.jdbc.JdbcSessionStore;
      import dev.sessionkit.memory.MemorySessionStore;
      import dev.sessionkit.redis.RedisSessionStore;
      import dev.sessionkit.servlet.SessionFilter;
      import jakarta.servlet.DispatcherType;
      import jakarta.servlet.http.HttpServlet;
      import jakarta.servlet.http.HttpServletRequest;
      import jakarta.servlet.http.HttpServletResponse;
      import java.io.IOException;
      import java.net.URI;
      import java.net.http.HttpClient;
      import java.net.http.HttpRequest;
      import java.net.http.HttpResponse;
      import java.util.EnumSet;
      import org.eclipse.jetty.ee10.servlet.FilterHolder;
      import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
      import org.eclipse.jetty.ee10.servlet.ServletHolder;
      import org.eclipse.jetty.server.Server;
      import org.eclipse.jetty.server.ServerConnector;

      public final class Main {
        public record User(String name, int level) {}

        public static void main(String[] args) throws Exception {
          Module core = SessionManager.class.getModule();
          check(core.isNamed(), "core is a named module");
          check(core.isExported("dev.sessionkit"), "the API is exported");
          check(core.isExported("dev.sessionkit.spi"), "the SPI is exported");
          check(!core.isExported("dev.sessionkit.internal"), "the internals are not exported");
          check(RedisSessionStore.builder().uri("redis://127.0.0.1:1") != null, "redis factory");
          check(JdbcSessionStore.builder() != null, "jdbc factory");

          SessionManager sessions =
              SessionManager.create(
                  SessionConfig.builder()
                      .secret("a module path test secret, long enough to sign")
                      .attributeType("user", User.class)
                      .build(),
                  MemorySessionStore.builder());
          Server server = new Server();
          ServerConnector connector = new ServerConnector(server);
          connector.setHost("127.0.0.1");
          server.addConnector(connector);
          ServletContextHandler context = new ServletContextHandler();
          context.addFilter(
              new FilterHolder(new SessionFilter(sessions)), "/*",
              EnumSet.of(DispatcherType.REQUEST));
          context.addServlet(
              new ServletHolder(
                  new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                        throws IOException {
                      if (req.getPathInfo() != null && req.getPathInfo().equals("/login")) {
                        req.getSession().setAttribute("user", new User("frodo", 3));
                        resp.getWriter().write("in");
                      } else {
                        User user = (User) req.getSession().getAttribute("user");
                        resp.getWriter().write(user.name() + "/" + user.level());
                      }
                    }
                  }),
              "/app/*");
          server.setHandler(context);
          server.start();
          try {
            String base = "http://127.0.0.1:" + connector.getLocalPort() + "/app";
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login =
                http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("set-cookie").orElseThrow();
            HttpResponse<String> me =
                http.send(
                    HttpRequest.newBuilder(URI.create(base + "/me"))
                        .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            check(me.body().equals("frodo/3"), "typed attribute read back: " + me.body());
          } finally {
            server.stop();
            sessions.close();
          }
          System.out.println("module path: ok");
        }

        private static void check(boolean ok, String what) {
          if (!ok) {
            throw new AssertionError("failed: " + what);
          }
        }
      }
      """;

  @Test
  void aModularApplicationRunsTheStackOnTheModulePath(@TempDir Path dir) throws Exception {
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (STACK.matcher(Path.of(entry).getFileName().toString()).matches()) {
        jars.add(entry);
      }
    }
    String modulePath = String.join(File.pathSeparator, jars);
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
    Files.writeString(src.resolve("app/Main.java"), MAIN);
    Path out = dir.resolve("out");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled =
        javac.run(
            null,
            null,
            null,
            "--module-path",
            modulePath,
            "-d",
            out.toString(),
            src.resolve("module-info.java").toString(),
            src.resolve("app/Main.java").toString());
    assertThat(compiled).as("javac on the module path").isZero();

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "--module-path",
                modulePath + File.pathSeparator + out,
                "-m",
                "app/app.Main")
            .redirectErrorStream(true)
            .start();
    String output = read(process);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the application ends").isTrue();
    assertThat(output).contains("module path: ok");
    assertThat(process.exitValue()).as(output).isZero();
  }

  private static String read(Process process) throws IOException {
    try (var in = process.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .collect(Collectors.joining("\n"));
    }
  }
}
