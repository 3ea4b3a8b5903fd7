package dev.sessionkit.spring.boot;

import dev.sessionkit.SessionManager;
import dev.sessionkit.SessionStoreException;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Asks the session store for a session that does not exist ({@link SessionManager#checkStore()}):
 * UP when it answers, DOWN when it fails or does not answer within its own timeout (Redis {@code
 * timeout}, JDBC {@code timeout}), so a probe never hangs longer than a request would. Sealed
 * cookie sessions have no store and are always UP. Details name the store kind and, when DOWN, the
 * exception class and message, which never hold a session id.
 */
public final class SessionStoreHealthIndicator implements HealthIndicator {

  private final SessionManager manager;
  private final String store;

  /**
   * Creates the indicator.
   *
   * @param manager the engine whose store is checked
   * @param store the store's kind, shown in the details
   */
  public SessionStoreHealthIndicator(SessionManager manager, String store) {
    this.manager = Objects.requireNonNull(manager, "manager");
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Checks the store once.
   *
   * @return UP or DOWN, with the store's kind
   */
  @Override
  public Health health() {
    try {
      manager.checkStore();
      Health.Builder up = Health.up().withDetail("store", store);
      manager
          .inventory()
          .filter(inventory -> inventory.countIsCheap())
          .ifPresent(inventory -> up.withDetail("sessions", inventory.count()));
      return up.build();
    } catch (SessionStoreException e) {
      return Health.down(e).withDetail("store", store).build();
    }
  }
}
