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
    SessionManager sessions =
        SessionManager.create(
            SessionConfig.builder()
                .secret(System.getenv("SESSION_SECRET"))
                .attributeType("user", User.class)
                .build(),
            MemorySessionStore.builder());
    sessions.checkStore(); // a store that does not answer fails the deployment, not a request
    event.getServletContext().setAttribute(SessionFilter.MANAGER_ATTRIBUTE, sessions);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    ((SessionManager) context.getAttribute(SessionFilter.MANAGER_ATTRIBUTE)).close();
  }
}
