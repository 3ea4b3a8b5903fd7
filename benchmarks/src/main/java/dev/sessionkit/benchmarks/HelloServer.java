package dev.sessionkit.benchmarks;

import dev.sessionkit.Session;
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
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty on a free loopback port serving {@code /plain} (a hello-world servlet), {@code
 * /app/hello} (the same behind {@link SessionFilter} with a memory store, reading the user of a
 * logged-in session) and {@code /app/plain} (behind the filter, never asking for the session), plus
 * a client already logged in.
 */
final class HelloServer implements AutoCloseable {

  private final Server server;
  private final MemorySessionStore store;
  private final HttpClient client;
  private final HttpRequest withSession;
  private final HttpRequest plain;
  private final HttpRequest plainWithoutCookie;
  private final HttpRequest filteredPlain;

  private HelloServer(
      Server server,
      MemorySessionStore store,
      HttpClient client,
      HttpRequest withSession,
      HttpRequest plain,
      HttpRequest plainWithoutCookie,
      HttpRequest filteredPlain) {
    this.server = server;
    this.store = store;
    this.client = client;
    this.withSession = withSession;
    this.plain = plain;
    this.plainWithoutCookie = plainWithoutCookie;
    this.filteredPlain = filteredPlain;
  }

  static HelloServer start() throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    MemorySessionStore[] built = new MemorySessionStore[1];
    SessionManager manager =
        SessionManager.create(
            SessionConfig.builder().secret(Base64.getEncoder().encodeToString(secret)).build(),
            context -> built[0] = MemorySessionStore.builder().create(context));
    MemorySessionStore store = built[0];

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new PlainHello()), "/plain");
    context.addServlet(new ServletHolder(new SessionHello()), "/app/hello");
    context.addServlet(new ServletHolder(new PlainHello()), "/app/plain");
    context.addServlet(new ServletHolder(new Login()), "/app/login");
    context.addFilter(
        new FilterHolder(new SessionFilter(manager)), "/app/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    String base = "http://127.0.0.1:" + connector.getLocalPort();

    // Responses are completed on the selector thread instead of being handed to a pool, so that
    // the client's own thread hops do not drown what is measured on the server.
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Runnable::run)
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
    HttpRequest withSession =
        HttpRequest.newBuilder(URI.create(base + "/app/hello"))
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(10))
            .build();
    // The baseline gets the same cookie: a browser sends it to every path of the site, filter or
    // not, so what differs between the sides is the filter's work, not the request's size.
    HttpRequest plain =
        HttpRequest.newBuilder(URI.create(base + "/plain"))
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(10))
            .build();
    // 0.1's harness sent no cookie to the baseline; kept as a second baseline for comparison.
    HttpRequest plainWithoutCookie =
        HttpRequest.newBuilder(URI.create(base + "/plain")).timeout(Duration.ofSeconds(10)).build();
    HttpRequest filteredPlain =
        HttpRequest.newBuilder(URI.create(base + "/app/plain"))
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(10))
            .build();
    HelloServer hello =
        new HelloServer(
            server, store, client, withSession, plain, plainWithoutCookie, filteredPlain);
    String greeting = hello.withSession();
    if (!greeting.equals("hello, alice")) {
      hello.close();
      throw new IllegalStateException("the session was not found: " + greeting);
    }
    return hello;
  }

  /** One request through the session filter; returns the body. */
  String withSession() throws IOException, InterruptedException {
    return send(withSession);
  }

  /**
   * One request with the session cookie through the filter to a servlet that never asks for the
   * session; returns the body.
   */
  String filteredPlain() throws IOException, InterruptedException {
    return send(filteredPlain);
  }

  /** One request with the session cookie to the servlet without the filter; returns the body. */
  String plain() throws IOException, InterruptedException {
    return send(plain);
  }

  /** One request without any cookie to the servlet without the filter; returns the body. */
  String plainWithoutCookie() throws IOException, InterruptedException {
    return send(plainWithoutCookie);
  }

  private String send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + " from " + request.uri());
    }
    return response.body();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping Jetty", e);
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    } finally {
      store.close();
    }
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
      Session session = Sessions.of(request);
      session.set("user", "alice");
      session.setPrincipal("alice");
      response.setContentType("text/plain");
      response.getWriter().write("welcome");
    }
  }
}
