package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.tck.TestKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The index answers like a plain set per principal, across its small and large forms. */
class PrincipalIndexTest {

  @Property(tries = 50)
  void agreesWithPlainSetsAcrossTheSmallAndLargeForms(
      @ForAll @IntRange(min = 1, max = 3 * PrincipalIndex.SMALL) int count, @ForAll long seed) {
    PrincipalIndex index = new PrincipalIndex();
    List<MemoryKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      MemoryKey key = MemoryKey.of(TestKeys.newKey());
      keys.add(key);
      index.move(key, null, "alice");
      assertThat(index.candidates("alice")).containsExactlyInAnyOrderElementsOf(keys);
    }
    Collections.shuffle(keys, new Random(seed));
    Set<MemoryKey> left = new HashSet<>(keys);
    Set<MemoryKey> moved = new HashSet<>();
    for (MemoryKey key : keys) {
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

  @Property(tries = 10)
  void agreesWithAMapAcrossManyPrincipalsAsTablesGrowAndShrink(@ForAll long seed) {
    Random random = new Random(seed);
    PrincipalIndex index = new PrincipalIndex();
    List<MemoryKey> keys = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      keys.add(MemoryKey.of(TestKeys.newKey()));
    }
    Map<MemoryKey, String> model = new HashMap<>();
    // Many principals fill every stripe's table past a resize; the last phase empties most of them.
    for (int step = 0; step < 20_000; step++) {
      MemoryKey key = keys.get(random.nextInt(keys.size()));
      String to =
          step > 14_000 && random.nextInt(4) > 0
              ? null
              : random.nextInt(5) == 0 ? "crowd" : "user-" + random.nextInt(3000);
      index.move(key, model.get(key), to);
      if (to == null) {
        model.remove(key);
      } else {
        model.put(key, to);
      }
      if (step % 997 == 0 || step == 19_999) {
        Map<String, Set<MemoryKey>> expected = new HashMap<>();
        model.forEach((k, p) -> expected.computeIfAbsent(p, x -> new HashSet<>()).add(k));
        for (int p = 0; p < 3000; p++) {
          assertThat(index.candidates("user-" + p))
              .containsExactlyInAnyOrderElementsOf(expected.getOrDefault("user-" + p, Set.of()));
        }
        assertThat(index.candidates("crowd"))
            .containsExactlyInAnyOrderElementsOf(expected.getOrDefault("crowd", Set.of()));
      }
    }
  }
}
