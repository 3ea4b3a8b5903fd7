package dev.sessionkit.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lua script with the SHA-1 digest Redis knows it by.
 *
 * @param body the Lua source
 * @param sha1 its digest, lowercase hex
 */
record LuaScript(String body, String sha1) {

  private static final Pattern CALL = Pattern.compile("redis\\.call\\('([a-zA-Z]+)'");

  LuaScript {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(sha1, "sha1");
  }

  static LuaScript of(String body) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
      return new LuaScript(body, HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }

  /** The Redis commands the script runs, lowercase; the round-trip test tells them apart. */
  Set<String> commandsCalled() {
    Set<String> names = new TreeSet<>();
    Matcher m = CALL.matcher(body);
    while (m.find()) {
      names.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    return names;
  }
}
