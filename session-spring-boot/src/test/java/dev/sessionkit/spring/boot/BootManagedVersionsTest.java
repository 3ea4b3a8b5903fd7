package dev.sessionkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * This module's tests run on the Lettuce, Jackson and Micrometer that Spring Boot's BOM manages, as
 * a Boot application resolves them, not on the versions the rest of the build pins: the versions
 * loaded here are read from the jars and compared with the BOM's own properties.
 */
class BootManagedVersionsTest {

  @Test
  void lettuceJacksonAndMicrometerAreTheBomsVersions() throws IOException {
    String bomPath = System.getProperty("sessionkit.boot.bom");
    assertThat(bomPath).as("system property sessionkit.boot.bom, set by the build").isNotNull();
    String bom = Files.readString(Path.of(bomPath));

    assertThat(RedisClient.class.getPackage().getImplementationVersion())
        .startsWith(property(bom, "lettuce.version"));
    assertThat(tools.jackson.databind.cfg.PackageVersion.VERSION.toString())
        .isEqualTo(property(bom, "jackson-bom.version"));
    assertThat(MeterRegistry.class.getPackage().getImplementationVersion())
        .isEqualTo(property(bom, "micrometer.version"));
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertThat(m.find()).as("%s in the BOM", name).isTrue();
    return m.group(1);
  }
}
