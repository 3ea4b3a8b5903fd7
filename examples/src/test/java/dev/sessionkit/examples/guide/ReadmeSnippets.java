package dev.sessionkit.examples.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the README's Java code blocks and the marked regions of the guide classes. A region runs
 * from a line {@code // [readme:name]} to a line {@code // [readme:name-end]}; its common
 * indentation is stripped, as in the README. A README block is a whole class, or the imports its
 * code needs followed by a region.
 */
final class ReadmeSnippets {

  private static final String OPEN = "// [readme:";

  private ReadmeSnippets() {}

  /** The module's directory: the working directory of Surefire and Failsafe. */
  static Path moduleDir() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath();
  }

  /** The README at the root of the repository, one level above the module. */
  static Path readme() {
    return moduleDir().resolve("../README.md").normalize();
  }

  /** The README's {@code ```java} blocks, each without its fences. */
  static List<String> javaBlocks(Path markdown) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : lines(markdown)) {
      if (block == null) {
        if (line.strip().equals("```java")) {
          block = new StringBuilder();
        }
      } else if (line.strip().equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else {
        block.append(line.stripTrailing()).append('\n');
      }
    }
    if (block != null) {
      throw new IllegalStateException(markdown + " has a ```java block that is never closed");
    }
    return blocks;
  }

  /** The servlet page, which holds the Tomcat quick start. */
  static Path servletDoc() {
    return moduleDir().resolve("../docs/servlet.md").normalize();
  }

  /**
   * The Tomcat quick start of the servlet page: the Java block that declares {@code class
   * TomcatQuickStart}.
   */
  static String tomcatQuickStart() {
    List<String> found =
        javaBlocks(servletDoc()).stream()
            .filter(b -> b.contains("public final class TomcatQuickStart"))
            .toList();
    if (found.size() != 1) {
      throw new IllegalStateException(
          "docs/servlet.md must hold one Java block with class TomcatQuickStart; found "
              + found.size());
    }
    return found.get(0);
  }

  /**
   * A marked region of a guide class: its code, as the README shows it, and the imports of the
   * class that compiles it.
   */
  record Region(Path file, String code, List<String> imports) {}

  /**
   * A Java block of the README: the imports it lists first, then its code. A block that is a whole
   * class (it starts with {@code package}) lists no imports before its code.
   */
  record Block(List<String> imports, String code) {

    /** Splits a block into its leading {@code import} lines and the code after them. */
    static Block parse(String block) {
      List<String> lines = block.lines().toList();
      List<String> imports = new ArrayList<>();
      int i = 0;
      while (i < lines.size() && lines.get(i).startsWith("import ")) {
        imports.add(lines.get(i));
        i++;
      }
      if (!imports.isEmpty() && i < lines.size() && lines.get(i).isBlank()) {
        i++;
      }
      StringBuilder code = new StringBuilder();
      lines.subList(i, lines.size()).forEach(line -> code.append(line).append('\n'));
      return new Block(List.copyOf(imports), code.toString());
    }
  }

  /** Every marked region of the guide classes, main and test, by name. */
  static Map<String, Region> regions() {
    Map<String, Region> regions = new LinkedHashMap<>();
    for (String root : List.of("src/main/java", "src/test/java")) {
      Path dir = moduleDir().resolve(root).resolve("dev/sessionkit/examples/guide");
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          List<String> imports =
              lines(file).stream().filter(line -> line.startsWith("import ")).toList();
          regionsOf(file)
              .forEach(
                  (name, text) -> {
                    if (regions.put(name, new Region(file, text, imports)) != null) {
                      throw new IllegalStateException("region " + name + " is marked twice");
                    }
                  });
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return regions;
  }

  private static Map<String, String> regionsOf(Path file) {
    Map<String, String> regions = new LinkedHashMap<>();
    String name = null;
    List<String> body = new ArrayList<>();
    for (String line : lines(file)) {
      String marker = line.strip();
      if (marker.startsWith(OPEN) && marker.endsWith("]")) {
        String label = marker.substring(OPEN.length(), marker.length() - 1);
        if (name == null && !label.endsWith("-end")) {
          name = label;
          body.clear();
        } else if (name != null && label.equals(name + "-end")) {
          regions.put(name, stripIndent(body));
          name = null;
        } else {
          throw new IllegalStateException(file + ": unexpected marker " + marker);
        }
      } else if (name != null) {
        body.add(line.stripTrailing());
      }
    }
    if (name != null) {
      throw new IllegalStateException(file + ": region " + name + " is never closed");
    }
    return regions;
  }

  /** Removes the indentation every non-blank line shares. */
  static String stripIndent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return text.toString();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
