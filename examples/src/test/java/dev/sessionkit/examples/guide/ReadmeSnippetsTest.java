package dev.sessionkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The README's Java code is the guide classes' code: each marked region appears in the README as a
 * whole code block, verbatim, and every Java block of the README is such a region. The one
 * exception is the Tomcat quick start, which {@code QuickStartIT} compiles from the README itself
 * and runs (Tomcat is not a dependency of this module).
 */
class ReadmeSnippetsTest {

  private final List<String> blocks = ReadmeSnippets.javaBlocks(ReadmeSnippets.readme());
  private final Map<String, String> regions = ReadmeSnippets.regions();

  @Test
  void theReadmeIsWhereTheTestsLookForIt() {
    assertThat(ReadmeSnippets.readme()).exists();
    assertThat(regions)
        .as("regions of the guide classes")
        .containsKeys("account", "jetty", "web-xml", "stores", "create", "typed-config");
  }

  @Test
  void everyRegionIsACodeBlockOfTheReadme() {
    SoftAssertions softly = new SoftAssertions();
    regions.forEach(
        (name, code) ->
            softly
                .assertThat(blocks)
                .as("region [readme:%s] as a ```java block of README.md", name)
                .contains(code));
    softly.assertAll();
  }

  @Test
  void everyJavaBlockOfTheReadmeIsCompiledCode() {
    String tomcat = ReadmeSnippets.tomcatQuickStart();
    SoftAssertions softly = new SoftAssertions();
    for (String block : blocks) {
      if (!block.equals(tomcat)) {
        softly
            .assertThat(regions.values())
            .as("README block that no guide class holds:%n%s", block)
            .contains(block);
      }
    }
    softly.assertAll();
  }

  @Test
  void regionsStripTheirCommonIndentation() {
    assertThat(ReadmeSnippets.stripIndent(List.of("    a(", "", "      b);")))
        .isEqualTo("a(\n\n  b);\n");
  }
}
