package dev.sessionkit.spring.boot;

import dev.sessionkit.testsupport.TestServers;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PreventsLoginContract} on PostgreSQL (the store's own pool on its URL). */
@SpringBootTest(
    classes = CapApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      SpringSecurityCapContract.SECRET,
      "capapp.prevents-login=true",
      "sessionkit.store=jdbc",
      "sessionkit.max-sessions-per-principal=1",
      "sessionkit.cap-policy=refuse",
      "sessionkit.cookie.secure=never",
      "management.endpoints.web.exposure.include=health,sessions",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
class PostgresPreventsLoginIT extends PreventsLoginContract {

  private static final String URL = TestServers.postgresUrl("PostgresPreventsLoginIT");
  private static final String TABLE = PostgresTables.fresh("sessionkit_prevents_");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("sessionkit.jdbc.url", () -> URL);
    registry.add("sessionkit.jdbc.table-name", () -> TABLE);
  }

  @AfterAll
  static void close() throws SQLException {
    PostgresTables.drop(URL, TABLE);
  }
}
