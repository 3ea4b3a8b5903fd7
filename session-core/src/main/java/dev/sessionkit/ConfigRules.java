package dev.sessionkit;

import dev.sessionkit.internal.SessionId;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The checks {@link SessionConfigBuilder#build()} makes of settings that depend on each other or on
 * a value's range, each failing with a message that names the setting. Stateless.
 */
final class ConfigRules {

  private ConfigRules() {}

  /** Zero or positive, and shorter than the idle timeout, or no session would ever be touched. */
  static Duration touchInterval(Duration touch, Duration idle) {
    if (touch.isNegative()) {
      throw new IllegalArgumentException("touchInterval must not be negative: " + touch);
    }
    if (touch.compareTo(idle) >= 0) {
      throw new IllegalStateException(
          "touchInterval (" + touch + ") must be shorter than idleTimeout (" + idle + ")");
    }
    return touch;
  }

  /** Zero or positive, and shorter than the renewal interval (null when renewal is off). */
  static Duration renewalGrace(Duration grace, Duration renewal) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("renewalGrace must not be negative: " + grace);
    }
    if (renewal != null && grace.compareTo(renewal) >= 0) {
      throw new IllegalStateException(
          "renewalGrace (" + grace + ") must be shorter than renewalInterval (" + renewal + ")");
    }
    return grace;
  }

  /**
   * Secrets shorter than {@value KeyRing#MIN_KEY_BYTES} bytes verify express-session cookies only:
   * SessionKit's own format derives its keys from every secret, so it refuses them.
   */
  static void legacySecrets(KeyRing keys, CookieFormat format) {
    int legacy = keys.firstLegacy();
    if (legacy >= 0 && format != CookieFormat.EXPRESS) {
      throw new IllegalStateException(
          KeyRing.tooShort(legacy, keys.length(legacy))
              + " with cookieFormat("
              + format
              + "); a shorter older secret is accepted, for verifying only, with"
              + " cookieFormat(EXPRESS)");
    }
  }

  /** Two ids of the right shape that differ: what a build can check of a generator's promise. */
  static void checkIds(Supplier<String> generator) {
    String first = generator.get();
    String second = generator.get();
    for (String id : new String[] {first, second}) {
      if (id == null || !SessionId.isWellFormed(id)) {
        throw new IllegalStateException(
            "idGenerator must make ids of 22 to 86 base64url characters (A-Z a-z 0-9 - _)");
      }
    }
    if (first.equals(second)) {
      throw new IllegalStateException("idGenerator made the same id twice: it must be random");
    }
  }
}
