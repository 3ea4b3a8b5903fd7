package dev.sessionkit.benchmarks;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import dev.sessionkit.SessionContext;
import dev.sessionkit.SessionManager;
import dev.sessionkit.SetCookie;
import dev.sessionkit.spi.StoreFactory;
import java.util.List;

/**
 * One engine with one logged-in session (the benchmarks' attributes and a principal), and the
 * requests the benchmarks send it: one that reads an attribute and one that sets an attribute to a
 * new value, each from the {@code Cookie} header to the commit.
 */
final class LoggedIn {

  private final SessionManager manager;
  private final SetCookie cookie;
  private final List<String> cookieHeaders;
  private int counter;

  /** Builds the engine on {@code store} and logs one session in. */
  LoggedIn(String secret, StoreFactory store) {
    manager = SessionManager.create(SessionConfig.builder().secret(secret).build(), store);
    SessionContext login = manager.open(List.of(), true);
    Session session = login.getOrCreate();
    Fixtures.ATTRIBUTES.keySet().forEach(name -> session.set(name, name));
    session.setPrincipal("alice");
    cookie = login.commit().orElseThrow();
    cookieHeaders = List.of(cookie.name() + "=" + cookie.value());
  }

  /** The cookie the login set. */
  SetCookie cookie() {
    return cookie;
  }

  /** A request's context, opened from the session's cookie and not yet resolved. */
  SessionContext open() {
    return manager.open(cookieHeaders, true);
  }

  /** A request that reads one attribute and changes nothing; returns the attribute. */
  Object read() {
    SessionContext context = open();
    Object user = context.current().orElseThrow().getUntyped("user");
    context.commit();
    return user;
  }

  /** A request that sets one attribute to a new value; returns the context committed. */
  Object write() {
    SessionContext context = open();
    context.current().orElseThrow().set(Fixtures.CHANGED_NAME, ++counter);
    context.commit();
    return context;
  }

  /** Closes the engine and its store. */
  void close() {
    manager.close();
  }

  /** Logs the session out (a shared server keeps nothing), then closes. */
  void logOutAndClose() {
    SessionContext logout = open();
    logout.current().ifPresent(Session::invalidate);
    logout.commit();
    close();
  }
}
