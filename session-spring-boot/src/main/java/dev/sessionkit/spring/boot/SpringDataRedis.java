package dev.sessionkit.spring.boot;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The Redis connection Spring Boot's {@code spring.data.redis.*} properties describe, as the Redis
 * URIs the store takes: {@code url}, else {@code host}, {@code port}, {@code username}, {@code
 * password}, {@code database} and {@code ssl.enabled}; {@code sentinel.master} with {@code
 * sentinel.nodes}; or {@code cluster.nodes}. Read from the environment, so that Spring Data Redis
 * need not be on the class path.
 */
record SpringDataRedis(String uri, List<String> clusterUris) {

  private static final String P = "spring.data.redis.";

  static SpringDataRedis read(Binder binder) {
    String url = string(binder, "url");
    boolean ssl = binder.bind(P + "ssl.enabled", Boolean.class).orElse(false);
    String scheme = ssl ? "rediss://" : "redis://";
    String auth = auth(string(binder, "username"), string(binder, "password"));
    int database = binder.bind(P + "database", Integer.class).orElse(0);
    List<String> cluster =
        binder.bind(P + "cluster.nodes", Bindable.listOf(String.class)).orElse(List.of());
    if (!cluster.isEmpty()) {
      List<String> uris = new ArrayList<>();
      for (String node : cluster) {
        uris.add(scheme + auth + node.trim());
      }
      return new SpringDataRedis(null, List.copyOf(uris));
    }
    String master = string(binder, "sentinel.master");
    if (master != null) {
      List<String> nodes =
          binder.bind(P + "sentinel.nodes", Bindable.listOf(String.class)).orElse(List.of());
      String hosts = String.join(",", nodes.stream().map(String::trim).toList());
      return new SpringDataRedis(
          "redis-sentinel://" + auth + hosts + "/" + database + "#" + master, List.of());
    }
    if (url != null) {
      return new SpringDataRedis(url, List.of());
    }
    String host = binder.bind(P + "host", String.class).orElse("localhost");
    int port = binder.bind(P + "port", Integer.class).orElse(6379);
    return new SpringDataRedis(scheme + auth + host + ":" + port + "/" + database, List.of());
  }

  private static String string(Binder binder, String name) {
    return binder.bind(P + name, String.class).orElse(null);
  }

  private static String auth(String user, String password) {
    if (password == null) {
      return "";
    }
    String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
    return (user == null ? "" : URLEncoder.encode(user, StandardCharsets.UTF_8))
        + ":"
        + encoded
        + "@";
  }
}
