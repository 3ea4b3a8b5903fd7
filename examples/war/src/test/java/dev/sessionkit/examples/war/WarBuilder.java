package dev.sessionkit.examples.war;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds an exploded WAR as a user would ship it: {@code WEB-INF/web.xml} declaring {@link
 * WarApp}'s servlets and listener (and an optional {@code <session-config>}), those classes in
 * {@code WEB-INF/classes}, a {@code sessionkit.properties} beside them, and in {@code WEB-INF/lib}
 * the SessionKit jars and their dependencies, taken from the test's class path. Not thread-safe.
 */
final class WarBuilder {

  /** The jars a WAR using the memory or Redis store ships, by the start of their file names. */
  private static final List<String> LIBRARIES =
      List.of(
          "session-core",
          "session-servlet",
          "session-store-memory",
          "session-store-redis",
          "jackson-",
          "caffeine",
          "lettuce-core",
          "netty-",
          "reactor-core",
          "reactive-streams");

  private final Properties settings = new Properties();
  private String sessionConfig = "";
  private String declarations = "";
  private boolean withSettings = true;

  /** Starts a WAR whose settings name the test's secret variable and the memory store. */
  WarBuilder() {
    settings.setProperty("sessionkit.secret.env", "WAR_TEST_SECRET");
    settings.setProperty("sessionkit.cookie.secure", "auto");
  }

  /** Sets one line of {@code sessionkit.properties}. */
  WarBuilder setting(String name, String value) {
    settings.setProperty(name, value);
    return this;
  }

  /** Leaves {@code sessionkit.properties} out: SessionKit must then stay out of the way. */
  WarBuilder withoutSettings() {
    withSettings = false;
    return this;
  }

  /** Puts this XML inside {@code web.xml}'s {@code <session-config>}. */
  WarBuilder sessionConfig(String xml) {
    sessionConfig = xml;
    return this;
  }

  /** Adds these declarations (filters, context parameters) to {@code web.xml}. */
  WarBuilder declare(String xml) {
    declarations += xml;
    return this;
  }

  /** Writes the WAR into a new temporary directory and returns it. */
  Path build() {
    try {
      Path war = Files.createTempDirectory("sessionkit-war");
      Path webInf = Files.createDirectories(war.resolve("WEB-INF"));
      Files.writeString(webInf.resolve("web.xml"), webXml());
      copyAppClasses(Files.createDirectories(webInf.resolve("classes")));
      if (withSettings) {
        try (Writer out =
            Files.newBufferedWriter(webInf.resolve("classes/sessionkit.properties"))) {
          settings.store(out, "written by the test");
        }
      }
      copyLibraries(Files.createDirectories(webInf.resolve("lib")));
      return war;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String webXml() {
    String app = WarApp.class.getName();
    StringBuilder xml =
        new StringBuilder(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <listener><listener-class>%s$Counting</listener-class></listener>
            """
                .formatted(app));
    xml.append("  <servlet><servlet-name>pages</servlet-name><servlet-class>")
        .append(app)
        .append(
            "$Pages</servlet-class></servlet>\n  <servlet-mapping><servlet-name>pages</servlet-name>");
    for (String path : WarApp.PATHS) {
      xml.append("<url-pattern>").append(path).append("</url-pattern>");
    }
    xml.append("</servlet-mapping>\n");
    xml.append(declarations);
    if (!sessionConfig.isEmpty()) {
      xml.append("  <session-config>").append(sessionConfig).append("</session-config>\n");
    }
    return xml.append("</web-app>\n").toString();
  }

  private static void copyAppClasses(Path classes) throws IOException {
    Path testClasses = classPathEntry(WarApp.class);
    String pkg = WarApp.class.getPackageName().replace('.', '/');
    Path target = Files.createDirectories(classes.resolve(pkg));
    try (Stream<Path> files = Files.list(testClasses.resolve(pkg))) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().startsWith("WarApp")) {
          Files.copy(file, target.resolve(file.getFileName()));
        }
      }
    }
  }

  private static void copyLibraries(Path lib) throws IOException {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry);
      String name = libraryName(path);
      if (LIBRARIES.stream().noneMatch(name::startsWith)) {
        continue;
      }
      if (Files.isDirectory(path)) {
        jar(path, lib.resolve(name + ".jar"));
      } else {
        Files.copy(path, lib.resolve(path.getFileName()));
      }
    }
  }

  /** A jar's file name, or for a module's {@code target/classes} the module's folder name. */
  private static String libraryName(Path entry) {
    if (Files.isDirectory(entry) && entry.endsWith(Path.of("target", "classes"))) {
      return entry.getParent().getParent().getFileName().toString();
    }
    return entry.getFileName() == null ? "" : entry.getFileName().toString();
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
  }

  private static Path classPathEntry(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of a file, for messages. */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
