package dev.sessionkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.testsupport.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The promise the README makes for its test command on a fresh machine: with no {@code
 * SESSIONKIT_*} variable set, each test of this module that needs a server runs against an embedded
 * one or is skipped with a message that says what was skipped and how to enable it; none fails. The
 * classes run again in a JVM whose environment lacks the variables, whatever this JVM's environment
 * holds.
 */
class FreshMachineIT {

  /**
   * Every test class of this module that needs Redis or PostgreSQL, each asking {@link TestServers}
   * (of session-test-support) for it.
   */
  static final List<String> SERVER_TESTS =
      List.of(
          RedisLoginFlowIT.class.getName(),
          RedisNearCacheLoginFlowIT.class.getName(),
          RedisLoginFloodIT.class.getName(),
          PostgresLoginFlowIT.class.getName(),
          RedisNodeInteropIT.class.getName(),
          PostgresNodeInteropIT.class.getName(),
          "dev.sessionkit.examples.guide.QuickStartIT");

  /**
   * Only {@link TestServers}, outside this module's sources, reads the variables, and every class
   * that asks it for a server is in {@link #SERVER_TESTS}, so the run below covers every
   * server-needing test of this module.
   */
  @Test
  void serversAreFoundInOnePlaceAndEveryUserIsListed() throws IOException {
    Path sources = Path.of("src", "test", "java");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.equals("FreshMachineIT.java")) {
        continue;
      }
      String text = Files.readString(file);
      assertThat(text).as(file + " reads no SESSIONKIT_ variable").doesNotContain("SESSIONKIT_");
      if (text.contains("TestServers.redisUri(") || text.contains("TestServers.postgresUrl(")) {
        String className =
            sources.relativize(file).toString().replace('/', '.').replace(".java", "");
        assertThat(SERVER_TESTS).as(file + " needs a server").contains(className);
      }
    }
  }

  @Test
  void serverTestsPassOrSkipWithTheirReasonWhenNoVariableIsSet() throws Exception {
    Path log = Files.createTempFile("sessionkit-fresh-machine", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FreshMachineRun.class.getName());
    command.addAll(SERVER_TESTS);
    ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
    child.redirectOutput(log.toFile());
    child.environment().keySet().removeIf(name -> name.startsWith("SESSIONKIT_"));
    Process run = child.start();
    try {
      assertThat(run.waitFor(10, TimeUnit.MINUTES))
          .as("the server tests finish within 10 minutes (output: %s)", log)
          .isTrue();
    } finally {
      run.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(log);
    List<String> failed = lines.stream().filter(l -> l.startsWith("FAILED ")).toList();
    List<String> skipped = lines.stream().filter(l -> l.startsWith("SKIPPED ")).toList();
    assertThat(failed).as("tests that failed without the variables (%s)", log).isEmpty();
    assertThat(run.exitValue()).as("exit status (output: %s)", log).isZero();
    assertThat(skipped)
        .as("each skip says how to enable what it skipped")
        .allSatisfy(line -> assertThat(line).containsAnyOf(" set ", " install ", " run "));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("fresh machine: "));
    deleteQuietly(log);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temporary file; the system cleans it up
    }
  }
}
