package dev.sessionkit.jdbc;

import dev.sessionkit.spi.StoreFactory;
import dev.sessionkit.spi.StoreProvider;
import dev.sessionkit.spi.TextSettings;
import java.time.Duration;
import java.util.Set;

/**
 * The JDBC store by name ({@code sessionkit.store=jdbc}), on a HikariCP pool of its own, from the
 * text settings {@code url}, {@code user}, {@code password}, {@code table-name}, {@code
 * create-table}, {@code sweeper}, {@code sweep-interval}, {@code sweep-batch-size}, {@code
 * timeout}, {@code near-cache.maximum-size} and {@code near-cache.maximum-age}: the builder's
 * settings of the same names. Found through {@link java.util.ServiceLoader}.
 */
public final class JdbcStoreProvider implements StoreProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public JdbcStoreProvider() {}

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public Set<String> settingNames() {
    return Set.of(
        "url",
        "user",
        "password",
        "table-name",
        "create-table",
        "sweeper",
        "sweep-interval",
        "sweep-batch-size",
        "timeout",
        "near-cache.maximum-size",
        "near-cache.maximum-age");
  }

  @Override
  public StoreFactory factory(TextSettings settings) {
    String url = settings.string("url");
    if (url == null || url.isEmpty()) {
      throw new IllegalStateException("sessionkit.store=jdbc needs " + settings.fullName("url"));
    }
    JdbcStoreBuilder builder = JdbcSessionStore.builder();
    builder.jdbcUrl(url, settings.string("user"), settings.string("password"));
    settings.apply("table-name", settings::string, builder::tableName);
    settings.apply("create-table", settings::bool, builder::createTable);
    settings.apply("sweeper", settings::bool, builder::sweeper);
    settings.apply("sweep-interval", settings::duration, builder::sweepInterval);
    settings.apply(
        "sweep-batch-size", settings::number, n -> builder.sweepBatchSize(Math.toIntExact(n)));
    settings.apply("timeout", settings::duration, builder::timeout);
    settings.requireWith("near-cache.maximum-age", "near-cache.maximum-size");
    Duration age = settings.duration("near-cache.maximum-age");
    settings.apply(
        "near-cache.maximum-size",
        settings::number,
        n ->
            builder.nearCache(
                n, age == null ? JdbcSessionStore.DEFAULT_NEAR_CACHE_MAXIMUM_AGE : age));
    return builder;
  }
}
