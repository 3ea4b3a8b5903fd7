package dev.sessionkit.examples.war;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application inside the test's WAR: the seed notes' login / protected / logout flow written
 * against the servlet API only, with no SessionKit code, and a listener counting sessions. The
 * container loads these classes from the WAR's {@code WEB-INF/classes}.
 */
public final class WarApp {

  /** The paths {@link Pages} is mapped to. */
  static final String[] PATHS = {"/login", "/me", "/logout", "/count"};

  private WarApp() {}

  /**
   * {@code POST /login?user=name}: a new session holding the user; {@code GET /me}: the user and
   * the idle timeout in seconds, or 401 without a logged-in session; {@code POST /logout}: ends the
   * session; {@code GET /count}: what {@link Counting} heard, as {@code created=n destroyed=m}.
   */
  public static final class Pages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      HttpSession session = request.getSession(false);
      switch (request.getServletPath()) {
        case "/login" -> {
          if (session != null) {
            session.invalidate();
          }
          request.getSession().setAttribute("user", request.getParameter("user"));
          response.getWriter().write("logged in");
        }
        case "/logout" -> {
          if (session != null) {
            session.invalidate();
          }
          response.getWriter().write("logged out");
        }
        case "/me" -> {
          Object user = session == null ? null : session.getAttribute("user");
          if (user == null) {
            response.sendError(401);
          } else {
            response
                .getWriter()
                .write("user=" + user + " idle=" + session.getMaxInactiveInterval());
          }
        }
        default ->
            response
                .getWriter()
                .write(
                    "created=" + Counting.CREATED.get() + " destroyed=" + Counting.DESTROYED.get());
      }
    }
  }

  /** Counts the sessions the container (or SessionKit's bridge) reports. */
  public static final class Counting implements HttpSessionListener {
    static final AtomicInteger CREATED = new AtomicInteger();
    static final AtomicInteger DESTROYED = new AtomicInteger();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
      CREATED.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
      DESTROYED.incrementAndGet();
    }
  }
}
