package dev.sessionkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency snippets of the README and the docs name the version this tree builds, so a
 * release that moves the version cannot leave them behind.
 */
class DocumentedVersionTest {

  private static final Path ROOT = Path.of("..");

  // A SessionKit dependency (or the BOM) with its version: group, artifact, version in order.
  private static final Pattern DEPENDENCY =
      Pattern.compile(
          "<groupId>dev\\.sessionkit</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
              + "<version>([^<]+)</version>");

  @Test
  void everySnippetNamesTheVersionThisTreeBuilds() throws IOException {
    String version = projectVersion();
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    int snippets = 0;
    for (Path page : pages) {
      Matcher m = DEPENDENCY.matcher(Files.readString(page));
      while (m.find()) {
        snippets++;
        assertThat(m.group(2)).as("%s: the version of %s", page, m.group(1)).isEqualTo(version);
      }
    }
    assertThat(snippets)
        .as("dependency snippets with a version in the README and docs")
        .isPositive();
  }

  /** The version of the parent POM, which every module of the tree shares. */
  private static String projectVersion() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>sessionkit-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("the parent POM's version").isTrue();
    return m.group(1);
  }
}
