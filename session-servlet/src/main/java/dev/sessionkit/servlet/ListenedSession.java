package dev.sessionkit.servlet;

import dev.sessionkit.Session;
import dev.sessionkit.spi.SessionKey;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The {@link HttpSession} that the container's session listeners are handed. Its {@link #getId()}
 * is the session's store key, 64 hex digits of the SHA-256 of its id, never the id itself (a bearer
 * credential that listeners would log): the same for every event of one id, so a listener can pair
 * {@code sessionCreated} with {@code sessionDestroyed}, and the same text as {@code
 * SessionEvent.key()} and {@code SessionInfo.key()} (for a store keyed by raw ids, the hash that
 * such a store's key would have had).
 *
 * <p>While the request that holds the session runs the event, the view reads and writes through to
 * it; an event from outside that request (expiry, eviction, another session's logout or cap) has
 * only the id: no attributes, and the other methods throw {@link IllegalStateException} as for an
 * invalidated session.
 */
final class ListenedSession implements HttpSession {

  private final String id;
  private final Supplier<Session> live;
  private final ServletContext servletContext;

  private ListenedSession(String id, Supplier<Session> live, ServletContext servletContext) {
    this.id = id;
    this.live = live;
    this.servletContext = servletContext;
  }

  /** The view of a session the request holds. */
  static ListenedSession of(Session session, ServletContext servletContext) {
    return new ListenedSession(idOf(session.id()), () -> session, servletContext);
  }

  /** The view of a session known by its key, live when {@code live} finds it. */
  static ListenedSession of(SessionKey key, Supplier<Session> live, ServletContext context) {
    return new ListenedSession(idOf(key), live, context);
  }

  /** What listeners see as the id of the session with this store key. */
  static String idOf(SessionKey key) {
    return key.isRawId() ? sha256(key.value()) : key.value();
  }

  /** What listeners see as the id of the session with this raw id. */
  static String idOf(String rawId) {
    return sha256(rawId);
  }

  private static String sha256(String rawId) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(rawId.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** The first 12 hex digits of the id: the session as logs name it ({@code shortForm}). */
  String shortId() {
    return id.substring(0, 12);
  }

  /** The session, while the request that holds it runs the event and it is still valid. */
  private Session liveOrNull() {
    Session s = live.get();
    return s != null && s.isValid() && idOf(s.id()).equals(id) ? s : null;
  }

  private Session live() {
    Session s = liveOrNull();
    if (s == null) {
      throw new IllegalStateException(
          "session " + shortId() + " is not held by this request, or has ended");
    }
    return s;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public ServletContext getServletContext() {
    return servletContext;
  }

  @Override
  public long getCreationTime() {
    return live().creationTime().toEpochMilli();
  }

  @Override
  public long getLastAccessedTime() {
    return live().lastAccessTime().toEpochMilli();
  }

  @Override
  public void setMaxInactiveInterval(int interval) {
    live().setIdleTimeout(Duration.ofSeconds(Math.max(1, interval)));
  }

  @Override
  public int getMaxInactiveInterval() {
    return (int) Math.min(Integer.MAX_VALUE, live().idleTimeout().toSeconds());
  }

  @Override
  public Object getAttribute(String name) {
    Session s = liveOrNull();
    return s == null ? null : s.getUntyped(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    Session s = liveOrNull();
    return Collections.enumeration(s == null ? java.util.Set.of() : s.attributeNames());
  }

  @Override
  public void setAttribute(String name, Object value) {
    live().setUntyped(name, value);
  }

  @Override
  public void removeAttribute(String name) {
    live().remove(name);
  }

  @Override
  public void invalidate() {
    live().invalidate();
  }

  @Override
  public boolean isNew() {
    Session s = liveOrNull();
    return s != null && s.isNew();
  }
}
