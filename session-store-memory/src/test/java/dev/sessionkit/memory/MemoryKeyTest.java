package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.tck.TestKeys;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The four-long key holds a session key's bits exactly, whichever way the key was made. */
class MemoryKeyTest {

  @Property(tries = 500)
  void anyKeyRoundTrips(@ForAll @Size(32) byte[] bits) {
    SessionKey key = new SessionKey(HexFormat.of().formatHex(bits));
    MemoryKey parsed = MemoryKey.of(key);
    assertThat(parsed.toSessionKey()).isEqualTo(key);
    assertThat(parsed.toSessionKey().value()).isEqualTo(key.value());
    assertThat(MemoryKey.of(SessionKey.ofHash(bits))).isEqualTo(parsed).hasSameHashCodeAs(parsed);
  }

  @Property(tries = 200)
  void differentKeysDiffer(@ForAll @Size(32) byte[] bits, @ForAll int index) {
    byte[] other = bits.clone();
    other[Math.floorMod(index, 32)] ^= (byte) (1 << Math.floorMod(index, 8));
    assertThat(MemoryKey.of(new SessionKey(HexFormat.of().formatHex(bits))))
        .isNotEqualTo(MemoryKey.of(new SessionKey(HexFormat.of().formatHex(other))));
  }

  @Property(tries = 50)
  void keysFromTheKitRoundTrip() {
    SessionKey key = TestKeys.newKey();
    assertThat(MemoryKey.of(key).toSessionKey()).isEqualTo(key);
  }
}
