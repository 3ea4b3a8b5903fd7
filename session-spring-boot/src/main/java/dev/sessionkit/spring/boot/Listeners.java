package dev.sessionkit.spring.boot;

import dev.sessionkit.CookieRejection;
import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import dev.sessionkit.StoreOperation;
import java.time.Duration;
import java.util.List;

/** Several {@link SessionListener} beans as the one listener a config takes, called in order. */
final class Listeners implements SessionListener {

  private final SessionListener[] all;

  Listeners(List<SessionListener> listeners) {
    this.all = listeners.toArray(SessionListener[]::new);
  }

  @Override
  public void created(SessionEvent event) {
    for (SessionListener l : all) {
      l.created(event);
    }
  }

  @Override
  public void invalidated(SessionEvent event) {
    for (SessionListener l : all) {
      l.invalidated(event);
    }
  }

  @Override
  public void expired(SessionEvent event) {
    for (SessionListener l : all) {
      l.expired(event);
    }
  }

  @Override
  public void evicted(SessionEvent event) {
    for (SessionListener l : all) {
      l.evicted(event);
    }
  }

  @Override
  public void regenerated(SessionEvent event) {
    for (SessionListener l : all) {
      l.regenerated(event);
    }
  }

  @Override
  public void cookieRejected(CookieRejection reason) {
    for (SessionListener l : all) {
      l.cookieRejected(reason);
    }
  }

  @Override
  public void storeCalled(StoreOperation operation, Duration took, Throwable failure) {
    for (SessionListener l : all) {
      l.storeCalled(operation, took, failure);
    }
  }
}
