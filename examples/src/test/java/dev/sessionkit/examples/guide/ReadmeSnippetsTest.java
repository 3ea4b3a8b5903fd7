package dev.sessionkit.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.examples.guide.ReadmeSnippets.Block;
import dev.sessionkit.examples.guide.ReadmeSnippets.Region;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The README's Java code is the guide classes' code: every Java block of the README is a whole
 * guide class, or the imports a snippet needs followed by a marked region of a guide class,
 * verbatim. The Tomcat quick start lives in docs/servlet.md, from where {@code QuickStartIT}
 * compiles and runs it (Tomcat is not a dependency of this module).
 */
class ReadmeSnippetsTest {

  /** The regions the README is made of, in its order. */
  private static final List<String> README_REGIONS =
      List.of("account", "jetty", "shared-stores", "logout", "flash");

  private final List<String> blocks = ReadmeSnippets.javaBlocks(ReadmeSnippets.readme());
  private final Map<String, Region> regions = ReadmeSnippets.regions();

  @Test
  void theReadmeIsWhereTheTestsLookForIt() {
    assertThat(ReadmeSnippets.readme()).exists();
    assertThat(regions)
        .as("regions of the guide classes")
        .containsKeys(README_REGIONS.toArray(String[]::new));
  }

  @Test
  void everyRegionOfTheReadmeIsOneOfItsCodeBlocks() {
    List<String> codes = blocks.stream().map(b -> Block.parse(b).code()).toList();
    SoftAssertions softly = new SoftAssertions();
    for (String name : README_REGIONS) {
      softly
          .assertThat(codes)
          .as("region [readme:%s] as a ```java block of README.md", name)
          .contains(regions.get(name).code());
    }
    softly.assertAll();
  }

  @Test
  void everyJavaBlockOfTheReadmeIsCompiledCodeWithTheImportsItUses() {
    SoftAssertions softly = new SoftAssertions();
    for (String text : blocks) {
      Block block = Block.parse(text);
      Optional<Region> region =
          regions.values().stream().filter(r -> r.code().equals(block.code())).findFirst();
      softly.assertThat(region).as("README block that no guide class holds:%n%s", text).isPresent();
      if (region.isEmpty()) {
        continue;
      }
      String code = withoutComments(block.code());
      if (code.startsWith("package ")) {
        continue; // a whole class: its imports are part of its code
      }
      softly
          .assertThat(region.get().imports())
          .as("imports of this README block, from %s:%n%s", region.get().file(), text)
          .containsAll(block.imports());
      for (String line : region.get().imports()) {
        if (uses(code, simpleName(line))) {
          softly
              .assertThat(block.imports())
              .as("the README block that uses %s lists its import:%n%s", simpleName(line), text)
              .contains(line);
        }
      }
      for (String line : block.imports()) {
        softly
            .assertThat(uses(code, simpleName(line)))
            .as("the README block uses what it imports (%s):%n%s", line, text)
            .isTrue();
      }
    }
    softly.assertAll();
  }

  @Test
  void aBlockSplitsIntoItsImportsAndItsCode() {
    Block snippet = Block.parse("import a.B;\nimport c.D;\n\nB b = D.make();\n");
    assertThat(snippet.imports()).containsExactly("import a.B;", "import c.D;");
    assertThat(snippet.code()).isEqualTo("B b = D.make();\n");

    Block whole = Block.parse("package p;\n\nimport a.B;\n\nclass C {}\n");
    assertThat(whole.imports()).isEmpty();
    assertThat(whole.code()).isEqualTo("package p;\n\nimport a.B;\n\nclass C {}\n");
  }

  @Test
  void regionsStripTheirCommonIndentation() {
    assertThat(ReadmeSnippets.stripIndent(List.of("    a(", "", "      b);")))
        .isEqualTo("a(\n\n  b);\n");
  }

  @Test
  void aTypeNamedOnlyInACommentIsNotUsed() {
    assertThat(uses(withoutComments("x.run(); // a Session ends\n"), "Session")).isFalse();
    assertThat(uses(withoutComments("Sessions.of(r); // x\n"), "Session")).isFalse();
    assertThat(uses(withoutComments("Session s = Sessions.of(r);\n"), "Session")).isTrue();
  }

  /** {@code import a.b.C;} gives {@code C}. */
  private static String simpleName(String importLine) {
    String name = importLine.substring("import ".length(), importLine.length() - 1).strip();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static boolean uses(String code, String simpleName) {
    return Pattern.compile("\\b" + Pattern.quote(simpleName) + "\\b").matcher(code).find();
  }

  /** The code without its line comments (a {@code //} inside a string literal ends it early). */
  private static String withoutComments(String code) {
    StringBuilder out = new StringBuilder();
    code.lines().forEach(line -> out.append(line.replaceAll("\\s*//.*$", "")).append('\n'));
    return out.toString();
  }
}
