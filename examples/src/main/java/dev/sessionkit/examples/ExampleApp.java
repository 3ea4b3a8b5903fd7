package dev.sessionkit.examples;

import dev.sessionkit.CookieFormat;
import dev.sessionkit.CookieSettings;
import dev.sessionkit.SecureMode;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionConfigBuilder;
import dev.sessionkit.SessionManager;
import dev.sessionkit.servlet.RequireSession;
import dev.sessionkit.servlet.SessionFilter;
import jakarta.servlet.DispatcherType;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The login / protected / logout app of the seed notes on embedded Jetty: {@code java -jar
 * sessionkit-example.jar}, then open http://localhost:8080 and log in as {@code frodo} / {@code
 * mellon}. Settings come from {@link ExampleConfig}.
 */
public final class ExampleApp implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ExampleApp.class.getName());

  /** The demo user every instance starts with. */
  public static final String DEMO_USER = "frodo";

  /** The demo user's password. */
  public static final String DEMO_PASSWORD = "mellon";

  /** The second demo user: another account, to show one user's logins never end another's. */
  public static final String SECOND_USER = "sam";

  /** The second demo user's password. */
  public static final String SECOND_PASSWORD = "potatoes";

  private final Server server;
  private final ServerConnector connector;
  private final List<AutoCloseable> resources;

  private ExampleApp(Server server, ServerConnector connector, List<AutoCloseable> resources) {
    this.server = server;
    this.connector = connector;
    this.resources = resources;
  }

  /**
   * Starts the app from the environment and the command line, and serves until stopped.
   *
   * @param args flags such as {@code --port=8081}; see {@link ExampleConfig#from}
   */
  public static void main(String[] args) {
    ExampleApp app;
    try {
      app = start(ExampleConfig.from(System.getenv(), args), Clock.systemUTC());
    } catch (RuntimeException e) {
      // A start-up error is for the person at the terminal: one line, no stack trace.
      System.err.println("sessionkit-example: cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "example-shutdown"));
    LOG.log(Level.INFO, "SessionKit example on {0}", app.uri());
    app.join();
  }

  /**
   * Starts the app.
   *
   * @param config the settings
   * @param clock the clock of the session engine (and so of its store)
   * @return the running app
   * @throws IllegalArgumentException or {@link IllegalStateException} for bad settings
   * @throws dev.sessionkit.SessionStoreException when the session store cannot be reached
   */
  public static ExampleApp start(ExampleConfig config, Clock clock) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      SessionConfigBuilder settings =
          SessionConfig.builder()
              .secret(secrets(config))
              .clock(clock)
              // The warnings about guessed cookies say why they were rejected.
              .cookie(cookie(config));
      if (config.idleTimeout() != null) {
        settings.idleTimeout(config.idleTimeout());
        // A touch at most a quarter of the idle time apart keeps a used session alive.
        Duration quarter = config.idleTimeout().dividedBy(4);
        if (quarter.compareTo(SessionConfig.DEFAULT_TOUCH_INTERVAL) < 0) {
          settings.touchInterval(quarter);
        }
      }
      if (config.compat() == ExampleConfig.Compat.EXPRESS) {
        // express-session's cookie: connect.sid, signed as Node signs it, with the same secrets
        // (older short ones verify only); the Node app's login is its attribute "user".
        settings.cookieFormat(CookieFormat.EXPRESS).principalFromAttribute(Logins.NAME);
      }
      if (config.effectiveMaxSessionsPerUser() > 0) {
        // One account flooding logins ends its own oldest sessions, never other users'.
        settings.maxSessionsPerPrincipal(config.effectiveMaxSessionsPerUser(), config.capPolicy());
      }
      SessionConfig sessions = settings.build();
      SessionManager manager = SessionBackends.create(config, sessions);
      resources.add(manager);
      UserDirectory users = new UserDirectory(config.passwordIterations());
      resources.add(users);
      users.add(DEMO_USER, DEMO_PASSWORD.toCharArray());
      users.add(SECOND_USER, SECOND_PASSWORD.toCharArray());

      Server server = new Server();
      HttpConfiguration http = new HttpConfiguration();
      // Jetty's header cache matches names and values case-insensitively by default, so a later
      // "SID=" cookie on a kept-alive connection could be served as the cached "sid=" one.
      http.setHeaderCacheCaseSensitive(true);
      http.setSendServerVersion(false);
      ServerConnector connector = connector(server, http, config);
      connector.setHost(config.host());
      connector.setPort(config.port());
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      context.addFilter(
          new FilterHolder(new MethodGuard()),
          "/*",
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
      FilterHolder sessionFilter =
          new FilterHolder(
              SessionFilter.builder(manager)
                  .trustForwardedProto(config.behindHttpsProxy())
                  .build());
      sessionFilter.setAsyncSupported(true);
      context.addFilter(
          sessionFilter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
      context.addFilter(
          new FilterHolder(new RequireSession()), "/api/users", EnumSet.of(DispatcherType.REQUEST));
      Logins logins = new Logins(users, config.recordDevice());
      context.addServlet(
          new ServletHolder("api", new ApiServlet(users, logins, manager.byPrincipal())), "/api/*");
      ServletHolder pages =
          new ServletHolder("pages", new AccountPages(logins, manager.byPrincipal(), clock));
      ServletMapping pageRoutes = new ServletMapping();
      pageRoutes.setServletName("pages");
      pageRoutes.setPathSpecs(new String[] {"/login", "/logout", "/sessions", "/sessions/*"});
      context.getServletHandler().addServlet(pages);
      context.getServletHandler().addServletMapping(pageRoutes);
      context.addServlet(new ServletHolder("page", new PageServlet()), "/");
      // What Jetty refuses itself (an ambiguous path) is answered as JSON too, never as HTML.
      context.setErrorHandler(new JsonErrors());
      server.setErrorHandler(new JsonErrors());
      server.setHandler(context);
      server.start();
      return new ExampleApp(server, connector, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    } catch (Exception e) {
      closeAll(resources);
      throw new IllegalStateException("the web server did not start: " + e.getMessage(), e);
    }
  }

  /**
   * The session cookie. Over HTTPS it is a {@code __Host-} cookie: browsers then accept it only
   * from this host, Secure, for path {@code /} and without a {@code Domain}, so a page on a sibling
   * subdomain (another tenant, a forgotten staging host) cannot plant a cookie of the same name
   * that shadows or fixes this app's session (cookie tossing). Over plain HTTP (localhost) a {@code
   * __Host-} cookie would be dropped, so the name stays plain and Secure follows the request.
   */
  static CookieSettings cookie(ExampleConfig config) {
    CookieSettings.Builder cookie = CookieSettings.builder();
    if (config.compat() == ExampleConfig.Compat.EXPRESS) {
      // As the Node app's cookie.maxAge: both sides' cookies carry the same Expires.
      cookie.maxAge(
          config.idleTimeout() != null ? config.idleTimeout() : SessionConfig.DEFAULT_IDLE_TIMEOUT);
    }
    if (!config.servesHttps()) {
      return cookie.secure(SecureMode.AUTO).build();
    }
    if (config.compat() == ExampleConfig.Compat.EXPRESS) {
      // The Node app names the cookie; it may use __Host-connect.sid too, but both sides must
      // agree.
      LOG.log(
          Level.WARNING,
          "SESSION_COMPAT=express keeps the cookie connect.sid, which a sibling subdomain can toss;"
              + " serve the app on a host with no untrusted siblings");
      return cookie.secure(SecureMode.ALWAYS).build();
    }
    return cookie.hostPrefix(true).secure(SecureMode.ALWAYS).build();
  }

  /** A plain HTTP connector, or an HTTPS one when the config names a key store. */
  private static ServerConnector connector(
      Server server, HttpConfiguration http, ExampleConfig config) {
    if (config.tlsKeystore() == null) {
      return new ServerConnector(server, new HttpConnectionFactory(http));
    }
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(config.tlsKeystore());
    tls.setKeyStoreType("PKCS12");
    tls.setKeyStorePassword(config.tlsKeystorePassword());
    // request.isSecure() is what SecureMode.AUTO and the filter read.
    http.addCustomizer(new SecureRequestCustomizer());
    return new ServerConnector(
        server,
        new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
        new HttpConnectionFactory(http));
  }

  private static String[] secrets(ExampleConfig config) {
    if (!config.sessionSecrets().isEmpty()) {
      return config.sessionSecrets().toArray(String[]::new);
    }
    LOG.log(
        Level.WARNING,
        "SESSION_SECRET is not set: using a random secret for this run. Sessions will not survive"
            + " a restart and other instances will not accept them; set SESSION_SECRET (32+ bytes)"
            + " in production.");
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return new String[] {Base64.getUrlEncoder().withoutPadding().encodeToString(random)};
  }

  /**
   * Returns the port the app listens on.
   *
   * @return the local port
   */
  public int port() {
    return connector.getLocalPort();
  }

  /**
   * Returns the app's address.
   *
   * @return {@code http://localhost:<port>/}, or {@code https://} when the app serves HTTPS itself
   */
  public URI uri() {
    return URI.create(
        (connector.getDefaultProtocol().startsWith("SSL") ? "https" : "http")
            + "://localhost:"
            + port()
            + "/");
  }

  /** Waits until the server stops. */
  public void join() {
    try {
      server.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server and closes the session store and the user database. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "stopping the web server failed", e);
    }
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.log(
            Level.WARNING, "closing " + resources.get(i).getClass().getSimpleName() + " failed", e);
      }
    }
  }
}
