package dev.sessionkit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;

/**
 * The peer the memory benchmarks run beside SessionKit: Spring Session's {@link
 * MapSessionRepository} on a {@link ConcurrentHashMap}, doing per request what its {@code
 * SessionRepositoryFilter} does with the default cookie resolver: decode the Base64 cookie value
 * into the id, {@code findById} (a copy of the stored session), set the last access time, read or
 * write the attribute, and {@code save} (a copy put back) at the end of every request that asked
 * for its session. Nothing is signed or hashed: that is the peer's design, not a shortcut here.
 */
final class SpringPeer {

  private final MapSessionRepository repository =
      new MapSessionRepository(new ConcurrentHashMap<>());
  private final String id;
  private final String cookieValue;

  /** Stores one session with the benchmark's attributes and a user, as a login would. */
  SpringPeer() {
    MapSession session = repository.createSession();
    Fixtures.ATTRIBUTES.forEach(session::setAttribute);
    session.setAttribute("user", "alice");
    repository.save(session);
    id = session.getId();
    cookieValue = Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A request that reads the user and changes nothing; Spring's filter saves it all the same.
   *
   * @return the attribute read
   */
  Object read() {
    MapSession session = open();
    Object user = session.getAttribute("user");
    repository.save(session);
    return user;
  }

  /**
   * A request that sets one attribute to {@code value}.
   *
   * @param value the new value
   * @return the session written
   */
  Object write(Object value) {
    MapSession session = open();
    session.setAttribute(Fixtures.CHANGED_NAME, value);
    repository.save(session);
    return session;
  }

  /**
   * The repository's half of a write, without the cookie: {@code findById}, one attribute set,
   * {@code save}; the peer of a store's load plus apply.
   *
   * @param value the new value
   * @return the session written
   */
  Object findAndSave(Object value) {
    MapSession session = repository.findById(id);
    session.setLastAccessedTime(Instant.now());
    session.setAttribute(Fixtures.CHANGED_NAME, value);
    repository.save(session);
    return session;
  }

  /** The filter's first steps: the cookie decoded, the session found and its access time set. */
  private MapSession open() {
    String decoded = new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.UTF_8);
    MapSession session = repository.findById(decoded);
    if (session == null) {
      throw new IllegalStateException("the peer's session was not found");
    }
    session.setLastAccessedTime(Instant.now());
    return session;
  }
}
