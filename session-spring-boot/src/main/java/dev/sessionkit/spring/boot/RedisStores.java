package dev.sessionkit.spring.boot;

import dev.sessionkit.redis.RedisSessionStore;
import dev.sessionkit.redis.RedisStoreBuilder;
import dev.sessionkit.spi.StoreFactory;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;

/**
 * The Redis store from {@code sessionkit.redis.*}; loaded only when that store is chosen. Without
 * {@code sessionkit.redis.uri} it reaches the Redis that {@code spring.data.redis.*} describes
 * ({@link SpringDataRedis}), with a connection of its own.
 */
final class RedisStores {

  private RedisStores() {}

  static StoreFactory factory(RedisStoreProperties settings, Binder binder) {
    RedisStoreBuilder builder = RedisSessionStore.builder();
    SpringDataRedis spring = SpringDataRedis.read(binder);
    if (settings.getUri() != null && !settings.getUri().isBlank()) {
      builder.uri(settings.getUri());
    } else if (!spring.clusterUris().isEmpty()) {
      builder.clusterUris(spring.clusterUris().toArray(String[]::new));
    } else {
      builder.uri(spring.uri());
    }
    Duration timeout = settings.getTimeout();
    if (timeout == null) {
      timeout =
          binder
              .bind("spring.data.redis.timeout", String.class)
              .map(raw -> DurationStyle.detectAndParse(raw.trim(), ChronoUnit.MILLIS))
              .orElse(null);
    }
    if (timeout != null) {
      builder.timeout(timeout);
    }
    if (settings.getKeyPrefix() != null) {
      builder.keyPrefix(settings.getKeyPrefix());
    }
    builder.expiryEvents(settings.isExpiryEvents());
    return builder;
  }
}
