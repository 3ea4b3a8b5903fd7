package dev.sessionkit.examples.guide;

import dev.sessionkit.spi.StoreFactory;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles the Tomcat quick start of docs/servlet.md with javac and runs it in embedded Tomcat 11.
 *
 * <p>This module does not depend on Tomcat (its pom names Jetty only), so the class cannot live
 * among the guide classes that Maven compiles. The test compiles the page's own block instead,
 * against this module's test class path plus {@code tomcat-embed-core} and {@code
 * tomcat-annotations-api} of the version the parent pom manages, taken from the local Maven
 * repository. Once the pom declares {@code tomcat-embed-core} (test scope), the block can become
 * {@code src/test/java/dev/sessionkit/examples/guide/TomcatQuickStart.java} like the others.
 */
final class TomcatFromReadme implements AutoCloseable {

  private final URLClassLoader loader;
  private final Object tomcat;
  private final Path classes;

  private TomcatFromReadme(URLClassLoader loader, Object tomcat, Path classes) {
    this.loader = loader;
    this.tomcat = tomcat;
    this.classes = classes;
  }

  /**
   * The Tomcat jars of the managed version in the local repository, or empty when they are not
   * there.
   */
  static Optional<List<Path>> tomcatJars() {
    String version = managedTomcatVersion();
    String local = System.getProperty("maven.repo.local");
    Path repository =
        local != null
            ? Path.of(local)
            : Path.of(System.getProperty("user.home"), ".m2", "repository");
    List<Path> jars =
        List.of(
            repository.resolve(
                "org/apache/tomcat/embed/tomcat-embed-core/"
                    + version
                    + "/tomcat-embed-core-"
                    + version
                    + ".jar"),
            repository.resolve(
                "org/apache/tomcat/tomcat-annotations-api/"
                    + version
                    + "/tomcat-annotations-api-"
                    + version
                    + ".jar"));
    return jars.stream().allMatch(Files::isRegularFile) ? Optional.of(jars) : Optional.empty();
  }

  /** The {@code tomcat.version} property of the parent pom. */
  static String managedTomcatVersion() {
    Path pom = ReadmeSnippets.moduleDir().resolve("../pom.xml").normalize();
    try {
      Matcher m =
          Pattern.compile("<tomcat\\.version>([^<]+)</tomcat\\.version>")
              .matcher(Files.readString(pom, StandardCharsets.UTF_8));
      if (!m.find()) {
        throw new IllegalStateException(pom + " has no tomcat.version property");
      }
      return m.group(1).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles the page's block (with {@code -Xlint:all -Werror}, as the build does) and calls its
   * {@code start(port, secret, store)}.
   */
  static TomcatFromReadme start(List<Path> tomcatJars, String secret, StoreFactory store)
      throws Exception {
    Path work = Files.createTempDirectory("sessionkit-guide-tomcat");
    Path source = work.resolve("src/dev/sessionkit/examples/guide/TomcatQuickStart.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, ReadmeSnippets.tomcatQuickStart(), StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(work.resolve("classes"));

    List<String> classPath = new ArrayList<>(List.of(testClassPath()));
    tomcatJars.forEach(jar -> classPath.add(jar.toString()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                List.of(
                    "-Xlint:all",
                    "-Werror",
                    "--release",
                    "17",
                    "-classpath",
                    String.join(File.pathSeparator, classPath),
                    "-d",
                    classes.toString()),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(source))
            .call();
    if (!compiled) {
      throw new AssertionError(
          "the TomcatQuickStart of docs/servlet.md does not compile:\n" + diagnostics);
    }

    List<URL> urls = new ArrayList<>();
    urls.add(classes.toUri().toURL());
    for (Path jar : tomcatJars) {
      urls.add(jar.toUri().toURL());
    }
    // Parent first: the guide classes, SessionKit and the Servlet API come from the test's loader.
    URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), TomcatFromReadme.class.getClassLoader());
    try {
      Object tomcat =
          loader
              .loadClass("dev.sessionkit.examples.guide.TomcatQuickStart")
              .getMethod("start", int.class, String.class, StoreFactory.class)
              .invoke(null, 0, secret, store);
      return new TomcatFromReadme(loader, tomcat, work);
    } catch (Exception e) {
      loader.close();
      deleteTree(work);
      throw e;
    }
  }

  /** The port the connector listens on. */
  int port() throws ReflectiveOperationException {
    Object connector = tomcat.getClass().getMethod("getConnector").invoke(tomcat);
    return (int) connector.getClass().getMethod("getLocalPort").invoke(connector);
  }

  /** Stops Tomcat (which closes the session manager) and removes its work files. */
  @Override
  public void close() throws ReflectiveOperationException, IOException {
    try {
      Object server = tomcat.getClass().getMethod("getServer").invoke(tomcat);
      File base = (File) server.getClass().getMethod("getCatalinaBase").invoke(server);
      tomcat.getClass().getMethod("stop").invoke(tomcat);
      tomcat.getClass().getMethod("destroy").invoke(tomcat);
      deleteTree(base.toPath());
    } finally {
      loader.close();
      deleteTree(classes);
    }
  }

  /**
   * The test class path. Surefire and Failsafe start the test JVM from a manifest-only jar and keep
   * the real class path in {@code java.class.path}.
   */
  private static String[] testClassPath() {
    return System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
