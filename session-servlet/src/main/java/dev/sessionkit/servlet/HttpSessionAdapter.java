package dev.sessionkit.servlet;

import dev.sessionkit.Session;
import dev.sessionkit.SessionConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The {@link HttpSession} API over a SessionKit {@link Session}. Attribute values are stored as
 * JSON: {@code getAttribute} returns JSON's own types, or classes on the configured allow-list
 * ({@link SessionConfig.Builder#allowUntyped}).
 */
final class HttpSessionAdapter implements HttpSession {

  private final Session session;
  private final ServletContext servletContext;
  private final SessionConfig config;

  HttpSessionAdapter(Session session, ServletContext servletContext, SessionConfig config) {
    this.session = session;
    this.servletContext = servletContext;
    this.config = config;
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
   * Sets the idle timeout. The servlet API reads zero or less as "never time out"; SessionKit
   * sessions always end, so that means "only the absolute timeout ends it".
   */
  @Override
  public void setMaxInactiveInterval(int interval) {
    if (interval > 0) {
      session.setIdleTimeout(Duration.ofSeconds(interval));
      return;
    }
    Duration absolute =
        config
            .absoluteTimeout()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "maxInactiveInterval must be positive when no absolute timeout is set: "
                            + interval));
    session.setIdleTimeout(absolute);
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

  @Override
  public void setAttribute(String name, Object value) {
    session.set(name, value);
  }

  @Override
  public void removeAttribute(String name) {
    session.remove(name);
  }

  @Override
  public void invalidate() {
    session.invalidate();
  }

  @Override
  public boolean isNew() {
    return session.isNew();
  }
}
