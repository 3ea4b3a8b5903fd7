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
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Embedded Jetty on a free loopback port serving {@code /plain} (a hello-world servlet), {@code
 * /app/hello} (the same behind {@link SessionFilter} with a memory store, reading the user of a
 * logged-in session), {@code /app/write} (behind the filter, setting one attribute to a new value)
 * and {@code /app/plain} (behind the filter, never asking for the session); and the peer, {@code
 * /spring/hello} and {@code /spring/write}, the same servlets behind Spring Session's {@code
 * SessionRepositoryFilter} on its map repository. Plus a client logged in on each.
 */
final class HelloServer implements AutoCloseable {

  private final Server server;
  private final MemorySessionStore store;
  private final HttpClient client;
  private final HttpRequest withSession;
  private final HttpRequest plain;
  private final HttpRequest plainWithoutCookie;
  private final HttpRequest filteredPlain;
  private final HttpRequest write;
  private final HttpRequest springRead;
  private final HttpRequest springWrite;

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
    add(context, "/plain", HelloServer::plainHello);
    add(context, "/app/hello", HelloServer::sessionHello);
    add(context, "/app/plain", HelloServer::plainHello);
    add(context, "/app/login", HelloServer::login);
    add(context, "/app/write", HelloServer::sessionWrite);
    context.addFilter(
        new FilterHolder(new SessionFilter(manager)), "/app/*", EnumSet.of(DispatcherType.REQUEST));
    add(context, "/spring/hello", HelloServer::springHello);
    add(context, "/spring/write", HelloServer::springWrite);
    add(context, "/spring/login", HelloServer::springLogin);
    context.addFilter(
        new FilterHolder(
            new SessionRepositoryFilter<>(new MapSessionRepository(new ConcurrentHashMap<>()))),
        "/spring/*",
        EnumSet.of(DispatcherType.REQUEST));
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
    HelloServer hello = new HelloServer(server, store, client, base);
    for (String greeting : new String[] {hello.withSession(), hello.springRead()}) {
      if (!greeting.equals("hello, alice")) {
        hello.close();
        throw new IllegalStateException("the session was not found: " + greeting);
      }
    }
    return hello;
  }

  private HelloServer(Server server, MemorySessionStore store, HttpClient client, String base)
      throws IOException, InterruptedException {
    this.server = server;
    this.store = store;
    this.client = client;
    String cookie = login(client, base + "/app/login");
    String springCookie = login(client, base + "/spring/login");
    this.withSession = get(base + "/app/hello", cookie);
    this.write = get(base + "/app/write", cookie);
    // The baseline gets the same cookie: a browser sends it to every path of the site, filter or
    // not, so what differs between the sides is the filter's work, not the request's size.
    this.plain = get(base + "/plain", cookie);
    // 0.1's harness sent no cookie to the baseline; kept as a second baseline for comparison.
    this.plainWithoutCookie = get(base + "/plain", null);
    this.filteredPlain = get(base + "/app/plain", cookie);
    this.springRead = get(base + "/spring/hello", springCookie);
    this.springWrite = get(base + "/spring/write", springCookie);
  }

  private static void add(
      ServletContextHandler context, String path, Function<HttpServletRequest, String> answer) {
    context.addServlet(new ServletHolder(new Answer(answer)), path);
  }

  private static HttpRequest get(String uri, String cookie) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
    return (cookie == null ? request : request.header("Cookie", cookie)).build();
  }

  /** Logs in at {@code uri} and returns the session cookie as a {@code Cookie} header value. */
  private static String login(HttpClient client, String uri)
      throws IOException, InterruptedException {
    HttpResponse<String> login =
        client.send(HttpRequest.newBuilder(URI.create(uri)).build(), BodyHandlers.ofString());
    return login
        .headers()
        .firstValue("set-cookie")
        .map(header -> header.substring(0, header.indexOf(';')))
        .orElseThrow(() -> new IllegalStateException("login set no cookie: " + uri));
  }

  /** One request through the session filter; returns the body. */
  String withSession() throws IOException, InterruptedException {
    return send(withSession);
  }

  /** One request through the session filter that sets one attribute; returns the body. */
  String write() throws IOException, InterruptedException {
    return send(write);
  }

  /** One request through Spring Session's filter reading one attribute; returns the body. */
  String springRead() throws IOException, InterruptedException {
    return send(springRead);
  }

  /** One request through Spring Session's filter setting one attribute; returns the body. */
  String springWrite() throws IOException, InterruptedException {
    return send(springWrite);
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

  /** A servlet that answers a GET with the text {@code answer} gives for the request. */
  private static final class Answer extends HttpServlet {
    private final transient Function<HttpServletRequest, String> answer;

    Answer(Function<HttpServletRequest, String> answer) {
      this.answer = answer;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String text = answer.apply(request);
      response.setContentType("text/plain");
      response.getWriter().write(text);
    }
  }

  /** Greets without any session. */
  private static String plainHello(HttpServletRequest request) {
    return "hello, world";
  }

  /** Greets the user of the request's session: one attribute read. */
  private static String sessionHello(HttpServletRequest request) {
    return "hello, " + Sessions.of(request).get("user", String.class).orElse("stranger");
  }

  /** Sets one attribute of the request's session to a new value. */
  private static String sessionWrite(HttpServletRequest request) {
    Sessions.of(request).set("theme", ThreadLocalRandom.current().nextInt());
    return "hello, world";
  }

  /** Logs a user in: writes the attribute the greeting reads. */
  private static String login(HttpServletRequest request) {
    Session session = Sessions.of(request);
    session.set("user", "alice");
    session.setPrincipal("alice");
    return "welcome";
  }

  /** The peer's greeting: the user of the request's {@code HttpSession}, Spring's. */
  private static String springHello(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object user = session == null ? null : session.getAttribute("user");
    return "hello, " + (user == null ? "stranger" : user);
  }

  /** The peer's write: one attribute of the request's {@code HttpSession} set to a new value. */
  private static String springWrite(HttpServletRequest request) {
    request.getSession().setAttribute("theme", ThreadLocalRandom.current().nextInt());
    return "hello, world";
  }

  /** The peer's login: writes the attribute its greeting reads. */
  private static String springLogin(HttpServletRequest request) {
    request.getSession().setAttribute("user", "alice");
    return "welcome";
  }
}
