package dev.sessionkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * HikariCP is optional: with it off the class path, a store built from a {@link DataSource} works,
 * and {@code jdbcUrl(...)} fails at create with an error that says what is missing. The store's
 * classes are loaded afresh, from a class path without HikariCP, by a loader of their own.
 */
class HikariOptionalTest {

  @Test
  void aDataSourceNeedsNoHikariAndAJdbcUrlSaysItDoes() throws Exception {
    try (URLClassLoader withoutHikari = classPathWithout("HikariCP")) {
      assertThat(canLoad(withoutHikari, "com.zaxxer.hikari.HikariDataSource")).isFalse();
      Object context = call(withoutHikari, "dev.sessionkit.spi.StoreContext", "systemDefault");

      Object source =
          withoutHikari.loadClass("org.h2.jdbcx.JdbcDataSource").getConstructor().newInstance();
      source.getClass().getMethod("setURL", String.class).invoke(source, "jdbc:h2:mem:nohikari");
      Object builder = call(withoutHikari, "dev.sessionkit.jdbc.JdbcSessionStore", "builder");
      invoke(builder, "dataSource", new Class<?>[] {DataSource.class}, source);
      invoke(builder, "createTable", new Class<?>[] {boolean.class}, true);
      invoke(builder, "sweeper", new Class<?>[] {boolean.class}, false);
      Object store = invoke(builder, "create", new Class<?>[] {context.getClass()}, context);
      assertThat(invoke(store, "databaseDialect", new Class<?>[0])).isEqualTo("H2");
      invoke(store, "close", new Class<?>[0]);

      Object urlBuilder = call(withoutHikari, "dev.sessionkit.jdbc.JdbcSessionStore", "builder");
      invoke(
          urlBuilder,
          "jdbcUrl",
          new Class<?>[] {String.class, String.class, String.class},
          "jdbc:h2:mem:nohikari",
          null,
          null);
      Throwable failure = null;
      try {
        invoke(urlBuilder, "create", new Class<?>[] {context.getClass()}, context);
      } catch (InvocationTargetException e) {
        failure = e.getCause();
      }
      assertThat(failure)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("jdbcUrl(...) needs HikariCP (com.zaxxer:HikariCP)")
          .hasMessageContaining("DataSource");
      assertThat(canLoad(withoutHikari, "com.zaxxer.hikari.HikariDataSource")).isFalse();
    }
  }

  /** A loader over this test's class path minus the entries whose path contains a word. */
  private static URLClassLoader classPathWithout(String word) throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains(word)) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  private static boolean canLoad(ClassLoader loader, String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static Object call(ClassLoader loader, String type, String method) throws Exception {
    return loader.loadClass(type).getMethod(method).invoke(null);
  }

  private static Object invoke(Object target, String method, Class<?>[] types, Object... args)
      throws Exception {
    Method m = target.getClass().getMethod(method, types);
    return m.invoke(target, args);
  }
}
