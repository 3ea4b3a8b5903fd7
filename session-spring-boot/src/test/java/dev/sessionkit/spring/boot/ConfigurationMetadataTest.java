package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata that the build generates from {@link SessionKitProperties} (and merges
 * with the additional file), which IDEs read to complete and describe {@code sessionkit.*}.
 */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyIsListedWithItsTypeAndDescription() throws IOException {
    Map<String, JsonNode> properties = new HashMap<>();
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata on the class path").isNotNull();
      for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
        properties.put(property.path("name").asString(), property);
      }
    }
    List<String> expected =
        List.of(
            "sessionkit.enabled",
            "sessionkit.store",
            "sessionkit.secret",
            "sessionkit.secrets",
            "sessionkit.idle-timeout",
            "sessionkit.absolute-timeout",
            "sessionkit.touch-interval",
            "sessionkit.renewal-interval",
            "sessionkit.renewal-grace",
            "sessionkit.resave",
            "sessionkit.save-uninitialized",
            "sessionkit.rolling",
            "sessionkit.max-sessions-per-principal",
            "sessionkit.cap-policy",
            "sessionkit.cookie.name",
            "sessionkit.cookie.path",
            "sessionkit.cookie.domain",
            "sessionkit.cookie.max-age",
            "sessionkit.cookie.http-only",
            "sessionkit.cookie.secure",
            "sessionkit.cookie.same-site",
            "sessionkit.cookie.partitioned",
            "sessionkit.cookie.host-prefix",
            "sessionkit.filter.order",
            "sessionkit.filter.trust-forwarded-proto",
            "sessionkit.filter.bind-user-agent",
            "sessionkit.memory.maximum-size",
            "sessionkit.memory.snapshot-file",
            "sessionkit.redis.uri",
            "sessionkit.redis.key-prefix",
            "sessionkit.redis.timeout",
            "sessionkit.redis.expiry-events",
            "sessionkit.jdbc.url",
            "sessionkit.jdbc.table-name",
            "sessionkit.jdbc.create-table",
            "sessionkit.jdbc.timeout",
            "sessionkit.filter.store-failure",
            "sessionkit.filter.store-failure-status",
            "sessionkit.security.attributes",
            "sessionkit.security.principal",
            "sessionkit.security.session-registry",
            "sessionkit.health.readiness",
            "sessionkit.metrics.enabled",
            "management.health.sessionkit.enabled");
    assertThat(properties).containsKeys(expected.toArray(String[]::new));
    for (String name : expected) {
      JsonNode property = properties.get(name);
      assertThat(property.path("description").asString()).as(name).isNotBlank();
      assertThat(property.path("type").asString()).as(name).isNotBlank();
    }
    assertThat(properties.get("sessionkit.store").path("type").asString())
        .isEqualTo(SessionKitProperties.StoreType.class.getName());
    assertThat(properties.get("sessionkit.idle-timeout").path("type").asString())
        .isEqualTo("java.time.Duration");
  }
}
