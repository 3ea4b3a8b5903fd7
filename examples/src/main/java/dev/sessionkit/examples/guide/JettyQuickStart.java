// [readme:jetty]
package dev.sessionkit.examples.guide;

import dev.sessionkit.CookieSettings;
import dev.sessionkit.SecureMode;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.examples.guide.Account.User;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.servlet.RequireSession;
import dev.sessionkit.servlet.SessionFilter;
import dev.sessionkit.spi.StoreFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

/** The quick start on embedded Jetty 12 (ee10). */
public final class JettyQuickStart {

  /** Serves http://localhost:8080 with sessions in memory. */
  public static void main(String[] args) throws Exception {
    String secret = System.getenv("SESSION_SECRET"); // 32+ bytes, the same on every node
    start(8080, secret, MemorySessionStore.builder().maximumSize(50_000)).join();
  }

  /** Starts Jetty on a port (0: any free one) with sessions in the store the factory builds. */
  public static Server start(int port, String secret, StoreFactory store) throws Exception {
    SessionManager sessions =
        SessionManager.create(
            SessionConfig.builder()
                .secret(secret)
                .cookie(CookieSettings.builder().secure(SecureMode.AUTO).build())
                .attributeType("user", User.class)
                .build(),
            store);

    ServletContextHandler context = new ServletContextHandler();
    FilterHolder sessionFilter = new FilterHolder(new SessionFilter(sessions));
    sessionFilter.setAsyncSupported(true);
    context.addFilter(
        sessionFilter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    context.addFilter(RequireSession.class, "/me", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(Account.Login.class, "/login");
    context.addServlet(Account.Me.class, "/me");
    context.addEventListener(
        new ServletContextListener() {
          @Override
          public void contextDestroyed(ServletContextEvent event) {
            sessions.close(); // and with it the store
          }
        });

    Server server = new Server(port);
    server.setHandler(context);
    server.start();
    return server;
  }
}
// [readme:jetty-end]
