package dev.sessionkit.redis;

import org.junit.jupiter.api.Assumptions;

/** Skips a test loudly: the reason goes to stderr as well as to the test report. */
final class Skips {

  private Skips() {}

  static void unless(boolean condition, String message) {
    if (!condition) {
      System.err.println("SKIPPED: " + message);
    }
    Assumptions.assumeTrue(condition, message);
  }
}
