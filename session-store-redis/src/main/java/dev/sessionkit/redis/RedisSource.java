package dev.sessionkit.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.List;

/**
 * The one way a {@link RedisStoreBuilder} was given to reach Redis, as a typed value: a parsed URI,
 * Cluster seed URIs, the application's client or the application's connection.
 */
sealed interface RedisSource {

  /** The builder setting this way was given by, for messages. */
  String setting();

  /** Opens what the store needs from this way, its calls bounded by {@code timeout}. */
  RedisConnector open(Duration timeout);

  /**
   * Parses a Redis URI.
   *
   * @throws IllegalArgumentException naming the setting, without the URI (it may hold a password)
   */
  static RedisURI parse(String uri, String setting) {
    try {
      return RedisURI.create(uri);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          setting
              + " is not a Redis URI (redis://, rediss://, redis-sentinel:// or redis-socket://)",
          e);
    }
  }

  /** One server, or Sentinel; the store owns the client. */
  record Uri(RedisURI uri) implements RedisSource {
    @Override
    public String setting() {
      return "uri";
    }

    @Override
    public RedisConnector open(Duration timeout) {
      return RedisConnector.forUri(uri, timeout);
    }
  }

  /** A Cluster, through seed nodes; the store owns the client. */
  record ClusterUris(List<RedisURI> seeds) implements RedisSource {
    /** Copies the seeds. */
    public ClusterUris {
      seeds = List.copyOf(seeds);
    }

    @Override
    public String setting() {
      return "clusterUris";
    }

    @Override
    public RedisConnector open(Duration timeout) {
      return RedisConnector.forCluster(seeds, timeout);
    }
  }

  /** The application's client, standalone or Cluster; the store closes only its connection. */
  record Client(AbstractRedisClient client) implements RedisSource {
    @Override
    public String setting() {
      return "client";
    }

    @Override
    public RedisConnector open(Duration timeout) {
      return client instanceof RedisClusterClient cluster
          ? RedisConnector.forClient(cluster)
          : RedisConnector.forClient((RedisClient) client);
    }
  }

  /** The application's connection, which the store never closes. */
  record Connection(StatefulConnection<String, String> connection) implements RedisSource {
    @Override
    public String setting() {
      return "connection";
    }

    @Override
    public RedisConnector open(Duration timeout) {
      return RedisConnector.forConnection(connection);
    }
  }
}
