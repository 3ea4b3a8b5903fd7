package dev.sessionkit.redis;

import dev.sessionkit.spi.StoreFactory;
import dev.sessionkit.spi.StoreProvider;
import dev.sessionkit.spi.TextSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * The Redis store by name ({@code sessionkit.store=redis}), from the text settings {@code uri} or
 * {@code cluster-uris} (comma-separated), {@code key-prefix}, {@code timeout}, {@code
 * expiry-events}, {@code near-cache.maximum-size} and {@code near-cache.maximum-age}: the builder's
 * settings of the same names. Found through {@link java.util.ServiceLoader}.
 */
public final class RedisStoreProvider implements StoreProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public RedisStoreProvider() {}

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Set<String> settingNames() {
    return Set.of(
        "uri",
        "cluster-uris",
        "key-prefix",
        "timeout",
        "expiry-events",
        "near-cache.maximum-size",
        "near-cache.maximum-age");
  }

  @Override
  public StoreFactory factory(TextSettings settings) {
    RedisStoreBuilder builder = RedisSessionStore.builder();
    if (settings.string("uri") == null && settings.string("cluster-uris") == null) {
      throw new IllegalStateException(
          "sessionkit.store=redis needs "
              + settings.fullName("uri")
              + " or "
              + settings.fullName("cluster-uris"));
    }
    settings.apply("uri", settings::string, builder::uri);
    settings.apply(
        "cluster-uris",
        settings::string,
        seeds ->
            builder.clusterUris(
                Arrays.stream(seeds.split(",")).map(String::trim).toArray(String[]::new)));
    settings.apply("key-prefix", settings::string, builder::keyPrefix);
    settings.apply("timeout", settings::duration, builder::timeout);
    settings.apply("expiry-events", settings::bool, builder::expiryEvents);
    Duration age = settings.duration("near-cache.maximum-age");
    settings.requireWith("near-cache.maximum-age", "near-cache.maximum-size");
    settings.apply(
        "near-cache.maximum-size",
        settings::number,
        n ->
            builder.nearCache(
                n, age == null ? RedisSessionStore.DEFAULT_NEAR_CACHE_MAXIMUM_AGE : age));
    return builder;
  }
}
