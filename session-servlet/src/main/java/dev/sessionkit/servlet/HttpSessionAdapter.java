package dev.sessionkit.servlet;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfigBuilder;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The {@link HttpSession} API over a SessionKit {@link Session}; changes made through it are told
 * to the container's attribute listeners and to binding-listener values ({@link SessionEvents}).
 * Attribute values are stored as JSON: {@code getAttribute} returns an instance of the type
 * registered for the attribute's name ({@link SessionConfigBuilder#attributeType}) or for the
 * value's class ({@link SessionConfigBuilder#registerType}), else JSON's own types; {@code
 * setAttribute} refuses a value it could not give back as itself.
 */
final class HttpSessionAdapter implements HttpSession {

  private final Session session;
  private final ServletContext servletContext;
  private final SessionEvents events;

  HttpSessionAdapter(Session session, ServletContext servletContext, SessionEvents events) {
    this.session = session;
    this.servletContext = servletContext;
    this.events = events;
  }

  boolean wraps(Session other) {
    return session == other;
  }

  @Override
  public long getCreationTime() {
    return session.creationTime().toEpochMilli();
  }

  @Override
  public String getId() {
    return session.id();
  }

  @Override
  public long getLastAccessedTime() {
    return session.lastAccessTime().toEpochMilli();
  }

  @Override
  public ServletContext getServletContext() {
    return servletContext;
  }

  /**
   * Sets the idle timeout. The servlet API reads zero or less as "never time out"; the session then
   * lives until its absolute deadline ({@link Session#setIdleTimeoutToAbsolute()}).
   */
  @Override
  public void setMaxInactiveInterval(int interval) {
    if (interval > 0) {
      session.setIdleTimeout(Duration.ofSeconds(interval));
    } else {
      session.setIdleTimeoutToAbsolute();
    }
  }

  @Override
  public int getMaxInactiveInterval() {
    return (int) Math.min(Integer.MAX_VALUE, session.idleTimeout().toSeconds());
  }

  @Override
  public Object getAttribute(String name) {
    return session.getUntyped(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    return Collections.enumeration(session.attributeNames());
  }

  /**
   * Writes an attribute that {@link #getAttribute} gives back as itself: JSON's own types, or a
   * type registered by name or alias; anything else is refused with a message naming the fix.
   */
  @Override
  public void setAttribute(String name, Object value) {
    events.set(session, name, value);
  }

  @Override
  public void removeAttribute(String name) {
    events.remove(session, name);
  }

  @Override
  public void invalidate() {
    events.end(session, session::invalidate);
  }

  @Override
  public boolean isNew() {
    return session.isNew();
  }
}
