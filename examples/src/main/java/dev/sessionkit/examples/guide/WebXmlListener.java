package dev.sessionkit.examples.guide;

import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionManager;
import dev.sessionkit.examples.guide.Account.User;
import dev.sessionkit.memory.MemorySessionStore;
import dev.sessionkit.servlet.SessionFilter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Builds the session manager for the {@code SessionFilter} declared in web.xml, and closes it. */
public final class WebXmlListener implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    // Built even while the store is down (no checkStore() here): the application deploys, its
    // session requests are answered 503 until the store is back, and no redeploy is needed.
    SessionManager sessions =
        SessionManager.create(
            SessionConfig.builder()
                .secret(System.getenv("SESSION_SECRET"))
                .attributeType("user", User.class)
                .build(),
            MemorySessionStore.builder());
    event.getServletContext().setAttribute(SessionFilter.MANAGER_ATTRIBUTE, sessions);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    // Absent when the start failed: nothing to close then.
    if (context.getAttribute(SessionFilter.MANAGER_ATTRIBUTE) instanceof SessionManager sessions) {
      sessions.close(); // returns once the store's threads have stopped
    }
  }
}
