package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionId;
import dev.sessionkit.spi.SessionKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The index answers like a plain set per principal, across its small and large forms. */
class PrincipalIndexTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Property(tries = 50)
  void agreesWithPlainSetsAcrossTheSmallAndLargeForms(
      @ForAll @IntRange(min = 1, max = 3 * PrincipalIndex.SMALL) int count, @ForAll long seed) {
    PrincipalIndex index = new PrincipalIndex();
    List<SessionKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SessionKey key = SessionId.generate(RANDOM).key();
      keys.add(key);
      index.move(key, null, "alice");
      assertThat(index.candidates("alice")).containsExactlyInAnyOrderElementsOf(keys);
    }
    Collections.shuffle(keys, new Random(seed));
    Set<SessionKey> left = new HashSet<>(keys);
    Set<SessionKey> moved = new HashSet<>();
    for (SessionKey key : keys) {
      // Every other key moves to another principal; the rest log out.
      String to = moved.size() < left.size() ? "bob" : null;
      index.move(key, "alice", to);
      left.remove(key);
      if (to != null) {
        moved.add(key);
      }
      assertThat(index.candidates("alice")).containsExactlyInAnyOrderElementsOf(left);
      assertThat(index.candidates("bob")).containsExactlyInAnyOrderElementsOf(moved);
    }
    assertThat(index.candidates("alice")).isEmpty();
  }
}
