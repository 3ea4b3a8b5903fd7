package dev.sessionkit.examples;

import dev.sessionkit.Session;
import dev.sessionkit.SessionLimitExceededException;
import dev.sessionkit.servlet.ClientBinding;
import dev.sessionkit.servlet.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The one way both the JSON API and the login page start a logged-in session. */
final class Logins {

  /**
   * The attribute that holds the logged-in user's name ({@code /api/greet}), as the seed notes'
   * Node app keeps it: a Node app sharing the session sees the login under the same name.
   */
  static final String NAME = "user";

  /** How a login ended. */
  enum Outcome {
    /** Logged in: a new session id, the principal set. */
    LOGGED_IN,
    /** Unknown user or wrong password; the session was not touched. */
    INVALID,
    /** The cap on sessions per user refused this login. */
    TOO_MANY_SESSIONS
  }

  private final UserDirectory users;
  private final boolean recordDevice;

  Logins(UserDirectory users, boolean recordDevice) {
    this.users = users;
    this.recordDevice = recordDevice;
  }

  Outcome logIn(HttpServletRequest req, String username, char[] password) {
    Optional<String> user = users.authenticate(username, password);
    if (user.isEmpty()) {
      return Outcome.INVALID; // the session is not touched: a failed login changes nothing
    }
    Session session = Sessions.of(req);
    // A new id at every login, so that an id planted before login is worth nothing after it.
    session.regenerate(false);
    try {
      session.setPrincipal(user.get());
    } catch (SessionLimitExceededException e) {
      return Outcome.TOO_MANY_SESSIONS;
    }
    session.set(NAME, user.get());
    if (recordDevice) {
      // Browser family and OS only ("Firefox on Linux"): enough to recognise a device on the
      // "your sessions" page, without keeping the full User-Agent.
      session.setDevice(ClientBinding.family(req.getHeader("User-Agent")));
    }
    return Outcome.LOGGED_IN;
  }
}
