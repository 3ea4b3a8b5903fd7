package dev.sessionkit.memory;

import dev.sessionkit.SessionEvent;
import dev.sessionkit.SessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the expiry and eviction events it hears, from any thread. */
final class RecordingListener implements SessionListener {

  final List<SessionEvent> expired = new CopyOnWriteArrayList<>();
  final List<SessionEvent> evicted = new CopyOnWriteArrayList<>();

  @Override
  public void expired(SessionEvent event) {
    expired.add(event);
  }

  @Override
  public void evicted(SessionEvent event) {
    evicted.add(event);
  }
}
