package dev.sessionkit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A three-master Redis Cluster on loopback ports, made without redis-cli: three servers with
 * Cluster mode on, the 16384 slots split between them with CLUSTER ADDSLOTS, CLUSTER MEET, then a
 * bounded wait for {@code cluster_state:ok} on every node. One per test JVM, started on first use;
 * the servers die with the JVM (see {@link RedisProcess}).
 */
final class TestCluster {

  static final int MASTERS = 3;
  private static final int SLOTS = 16384;

  private static TestCluster shared;

  private final List<RedisProcess> nodes;
  private final RedisClusterClient client;
  private final StatefulRedisClusterConnection<String, String> connection;

  private TestCluster(List<RedisProcess> nodes) {
    this.nodes = nodes;
    this.client = RedisClusterClient.create(nodes.stream().map(RedisProcess::uri).toList().get(0));
    this.connection = client.connect();
    Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown));
  }

  /** The shared cluster; skips the caller when there is no redis-server binary at all. */
  static synchronized TestCluster shared() throws IOException {
    if (shared == null) {
      shared = new TestCluster(startNodes(RedisProcess.requireBinary()));
    }
    return shared;
  }

  RedisClusterClient client() {
    return client;
  }

  StatefulRedisClusterConnection<String, String> connection() {
    return connection;
  }

  List<RedisProcess> nodes() {
    return nodes;
  }

  private static List<RedisProcess> startNodes(Path binary) throws IOException {
    List<RedisProcess> nodes = new ArrayList<>();
    for (int i = 0; i < MASTERS; i++) {
      nodes.add(
          RedisProcess.start(
              binary,
              RedisProcess.freeClusterPort(),
              "--cluster-enabled",
              "yes",
              "--cluster-config-file",
              "nodes.conf",
              "--cluster-node-timeout",
              "5000",
              "--notify-keyspace-events",
              "Ex"));
    }
    List<RedisClient> clients = new ArrayList<>();
    try {
      List<RedisCommands<String, String>> admin = new ArrayList<>();
      for (RedisProcess node : nodes) {
        RedisClient client = RedisClient.create(node.uri());
        clients.add(client);
        StatefulRedisConnection<String, String> c = client.connect();
        admin.add(c.sync());
      }
      for (int i = 0; i < MASTERS; i++) {
        int from = i * SLOTS / MASTERS;
        int to = (i + 1) * SLOTS / MASTERS;
        admin.get(i).clusterAddSlots(IntStream.range(from, to).toArray());
      }
      for (int i = 1; i < MASTERS; i++) {
        admin.get(0).clusterMeet("127.0.0.1", nodes.get(i).port());
      }
      awaitClusterOk(admin);
    } finally {
      clients.forEach(RedisClient::shutdown);
    }
    return nodes;
  }

  private static void awaitClusterOk(List<RedisCommands<String, String>> admin) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      boolean ok =
          admin.stream()
              .allMatch(
                  node ->
                      node.clusterInfo().contains("cluster_state:ok")
                          && node.clusterNodes().lines().count() == MASTERS);
      if (ok) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("the test cluster did not reach cluster_state:ok in 30 s");
      }
      RedisProcess.pauseBriefly();
    }
  }
}
