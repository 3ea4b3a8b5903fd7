package dev.sessionkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The changes lie over the loaded attributes: reads see them, each commit hands over only what
 * changed since the last, and the whole map is what a record write needs.
 */
class AttributeChangesTest {

  private final Map<String, String> loaded = Map.of("a", "1", "b", "2", "c", "3");
  private final AttributeChanges changes = new AttributeChanges(loaded);

  @Test
  void aSetIsReadBackAndIsTheOnlyChange() {
    changes.put("b", "20");
    assertThat(changes.get("b")).isEqualTo("20");
    assertThat(changes.get("a")).isEqualTo("1");
    assertThat(changes.setThisRequest()).isEqualTo(Map.of("b", "20"));
    assertThat(changes.removedThisRequest()).isEmpty();
    assertThat(changes.all()).isEqualTo(Map.of("a", "1", "b", "20", "c", "3"));
  }

  @Test
  void anUnchangedRequestHandsBackTheLoadedMapItself() {
    changes.put("a", "1");
    assertThat(changes.isChanged()).isFalse();
    assertThat(changes.all()).isSameAs(loaded);
  }

  @Test
  void aSecondCommitWritesOnlyWhatChangedSinceTheFirst() {
    changes.put("a", "10");
    changes.remove("c");
    changes.clearChanges();
    assertThat(changes.isChanged()).isFalse();
    assertThat(changes.get("a")).isEqualTo("10");
    assertThat(changes.contains("c")).isFalse();

    changes.put("b", "20");
    changes.put("c", "30");
    changes.remove("a");
    assertThat(changes.setThisRequest()).isEqualTo(Map.of("b", "20", "c", "30"));
    assertThat(changes.removedThisRequest()).isEqualTo(Set.of("a"));
    changes.clearChanges();
    assertThat(changes.all()).isEqualTo(Map.of("b", "20", "c", "30"));
    assertThat(changes.get("a")).isNull();
  }

  @Test
  void aRemovalThenASetOfTheSameNameIsASet() {
    changes.remove("a");
    changes.put("a", "11");
    assertThat(changes.setThisRequest()).isEqualTo(Map.of("a", "11"));
    assertThat(changes.removedThisRequest()).isEmpty();
    changes.remove("a");
    assertThat(changes.setThisRequest()).isEmpty();
    assertThat(changes.removedThisRequest()).isEqualTo(Set.of("a"));
    assertThat(changes.visibleNames(Set.of("b"))).isEqualTo(Set.of("c"));
  }

  @Test
  void anUnchangedValueIsReadButNeverWritten() {
    changes.putUnchanged("d", "4");
    assertThat(changes.get("d")).isEqualTo("4");
    assertThat(changes.isChanged()).isFalse();
    assertThat(changes.all()).containsEntry("d", "4").hasSize(4);
  }
}
