/**
 * The servlet adapter: {@code SessionFilter}, the {@code HttpSession} bridge and {@code
 * RequireSession}, for any Servlet 6.0 container.
 */
module dev.sessionkit.servlet {
  requires transitive dev.sessionkit;
  requires transitive jakarta.servlet;

  exports dev.sessionkit.servlet;
}
