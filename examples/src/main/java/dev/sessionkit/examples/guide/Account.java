// [readme:account]
package dev.sessionkit.examples.guide;

import dev.sessionkit.Session;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /login} with {@code name=…} logs in; {@code GET /me} says who is logged in. */
public final class Account {

  /** What the session keeps about the user: plain JSON in the store. */
  public record User(String name, String role) {}

  /** Logs in: a new session id, the principal, the user. */
  public static final class Login extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String name = request.getParameter("name"); // a real application checks a password too
      if (name == null || name.isBlank()) {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        return;
      }
      Session session = Sessions.of(request);
      session.regenerate(false); // a new id at login: an id planted before login is worthless
      session.setPrincipal(name); // from now on RequireSession lets this session through
      session.set("user", new User(name, "reader"));
      response.getWriter().println("logged in as " + name);
    }
  }

  /** Says who is logged in, through the plain servlet API. */
  public static final class Me extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      User user = (User) request.getSession().getAttribute("user"); // a User, not a Map
      response.getWriter().println(user.name() + " (" + user.role() + ")");
    }
  }
}
// [readme:account-end]
