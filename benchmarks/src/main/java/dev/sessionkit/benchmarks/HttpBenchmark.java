package dev.sessionkit.benchmarks;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.servlet.SessionFilter;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * A hello-world servlet on embedded Jetty behind {@link SessionFilter} (memory store; the servlet
 * reads the user of a logged-in session), beside the same kind of servlet without the filter, both
 * under concurrent keep-alive load from loopback through {@link HttpClient}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
public class HttpBenchmark {

  private Server server;
  private MemorySessionStore store;
  private HttpClient client;
  private HttpRequest withSession;
  private HttpRequest plain;

  /**
   * Starts Jetty on a free loopback port and logs in once to get a session cookie.
   *
   * @throws Exception when Jetty does not start or the login fails
   */
  @Setup
  public void setUp() throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    store = MemorySessionStore.builder().build();
    SessionManager manager =
        SessionManager.create(
            SessionConfig.builder().secret(Base64.getEncoder().encodeToString(secret)).build(),
            store);

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new PlainHello()), "/plain");
    context.addServlet(new ServletHolder(new SessionHello()), "/app/hello");
    context.addServlet(new ServletHolder(new Login()), "/app/login");
    context.addFilter(
        new FilterHolder(new SessionFilter(manager)), "/app/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    String base = "http://127.0.0.1:" + connector.getLocalPort();

    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/app/login")).build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie =
        login
            .headers()
            .firstValue("set-cookie")
            .map(header -> header.substring(0, header.indexOf(';')))
            .orElseThrow(() -> new IllegalStateException("login set no cookie"));
    withSession =
        HttpRequest.newBuilder(URI.create(base + "/app/hello"))
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(10))
            .build();
    plain =
        HttpRequest.newBuilder(URI.create(base + "/plain")).timeout(Duration.ofSeconds(10)).build();
    String greeting = send(withSession);
    if (!greeting.equals("hello, alice")) {
      throw new IllegalStateException("the session was not found: " + greeting);
    }
  }

  /**
   * Stops Jetty and the store.
   *
   * @throws Exception when Jetty does not stop
   */
  @TearDown
  public void tearDown() throws Exception {
    server.stop();
    store.close();
  }

  /**
   * One request through the session filter to a servlet that reads the session's user.
   *
   * @return the response body
   * @throws Exception when the request fails
   */
  @Benchmark
  public String hello() throws Exception {
    return send(withSession);
  }

  /**
   * The baseline of {@link #hello}: one request to a servlet without the filter.
   *
   * @return the response body
   * @throws Exception when the request fails
   */
  @Benchmark
  public String rawHello() throws Exception {
    return send(plain);
  }

  private String send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + " from " + request.uri());
    }
    return response.body();
  }

  /** Greets without any session. */
  static final class PlainHello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("text/plain");
      response.getWriter().write("hello, world");
    }
  }

  /** Greets the user of the request's session: one attribute read. */
  static final class SessionHello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String user = Sessions.of(request).get("user", String.class).orElse("stranger");
      response.setContentType("text/plain");
      response.getWriter().write("hello, " + user);
    }
  }

  /** Logs a user in: writes the attribute the greeting reads. */
  static final class Login extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      var session = Sessions.of(request);
      session.set("user", "alice");
      session.setPrincipal("alice");
      response.setContentType("text/plain");
      response.getWriter().write("welcome");
    }
  }
}
