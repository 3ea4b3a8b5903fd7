package dev.sessionkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionkit.SessionListener;
import dev.sessionkit.spi.SessionRecord;
import dev.sessionkit.spi.StoreContext;
import dev.sessionkit.tck.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sessions survive a restart through the snapshot file; a bad file is reported and ignored. */
class SnapshotFileTest {

  @TempDir Path dir;

  private final TestClock clock = TestClock.start();
  private final Logger log = Logger.getLogger(MemorySessionStore.class.getName());
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLog() {
    log.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    log.removeHandler(capture);
  }

  private MemorySessionStore open(Path file) {
    return MemorySessionStore.builder()
        .snapshotFile(file)
        .create(new StoreContext(clock, SessionListener.NONE));
  }

  private List<LogRecord> warnings() {
    return logged.stream()
        .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .toList();
  }

  @Test
  void liveSessionsSurviveARestartAndExpiredOnesDoNot() {
    Path file = dir.resolve("sessions.json");
    MemorySessionStore first = open(file);
    SessionRecord alice = Sessions.record(clock, Duration.ofMinutes(30), "alice");
    SessionRecord soonGone = Sessions.record(clock, Duration.ofMinutes(1), "bob");
    first.create(alice);
    first.create(soonGone);
    first.delete(Sessions.record(clock, Duration.ofMinutes(30), null).key());
    clock.advance(Duration.ofSeconds(30));
    first.close();
    assertThat(file).exists();

    clock.advance(Duration.ofSeconds(30));
    MemorySessionStore second = open(file);
    assertThat(second.load(alice.key())).contains(alice);
    assertThat(second.load(soonGone.key())).isEmpty();
    assertThat(second.findByPrincipal("alice")).containsExactly(alice);
    assertThat(warnings()).isEmpty();
    // Read once: a crash before the next close cannot bring back what this run deletes.
    assertThat(file).doesNotExist();
  }

  @Test
  void theFileHoldsKeysNotIdsAndOnlyItsOwnerMayReadIt() throws IOException {
    Path file = dir.resolve("sessions.json");
    MemorySessionStore store = open(file);
    SessionRecord record = Sessions.record(clock, Duration.ofMinutes(30), "alice");
    store.create(record);
    store.close();
    assertThat(Files.readString(file)).contains(record.key().value());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(Files.getPosixFilePermissions(file))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
  }

  @Test
  void closeReplacesTheFileWholeAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("nested/dir/sessions.json");
    MemorySessionStore first = open(file);
    MemorySessionStore second = open(file);
    first.create(Sessions.record(clock, Duration.ofMinutes(30), "carol"));
    second.create(Sessions.record(clock, Duration.ofMinutes(30), "dave"));
    first.close();
    assertThat(Files.readString(file)).contains("carol");
    second.close();
    second.close();
    assertThat(Files.readString(file)).contains("dave").doesNotContain("carol");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void withoutASnapshotFileNothingIsWritten() throws IOException {
    MemorySessionStore store =
        MemorySessionStore.builder().create(new StoreContext(clock, SessionListener.NONE));
    store.create(Sessions.record(clock, Duration.ofMinutes(30), null));
    store.close();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aMissingFileStartsEmptyWithoutComplaint() {
    MemorySessionStore store = open(dir.resolve("absent.json"));
    assertThat(store.estimatedSize()).isZero();
    assertThat(warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\u0000\u0001 binary garbage \uFFFD",
        "{\"format\":\"sessionkit-memory-snapshot\",\"version\":1,\"sessions\":[{\"key\":",
        "{\"name\":\"my-app\",\"version\":\"1.0.0\",\"dependencies\":{}}",
        "[1,2,3]",
        "{\"format\":\"sessionkit-memory-snapshot\",\"version\":99,\"sessions\":[]}",
        "{\"format\":\"sessionkit-memory-snapshot\",\"version\":1,\"sessions\":[{\"key\":\"not-a-key\","
            + "\"creationTime\":\"2030-01-01T00:00:00Z\",\"lastAccessTime\":\"2030-01-01T00:00:00Z\","
            + "\"idleTimeout\":\"PT30M\",\"attributes\":{}}]}",
        "{\"format\":\"sessionkit-memory-snapshot\",\"version\":1,\"sessions\":[{\"key\":"
            + "\"0000000000000000000000000000000000000000000000000000000000000000\","
            + "\"creationTime\":\"yesterday\",\"lastAccessTime\":\"2030-01-01T00:00:00Z\","
            + "\"idleTimeout\":\"PT30M\",\"attributes\":{}}]}"
      })
  void aCorruptOrForeignFileIsReportedAndIgnored(String content) throws IOException {
    Path file = dir.resolve("sessions.json");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    MemorySessionStore store = open(file);
    assertThat(store.estimatedSize()).isZero();
    assertThat(warnings())
        .singleElement()
        .satisfies(r -> assertThat(r.getMessage()).contains(file.toString(), "rejected"));
    // Kept aside, byte for byte, in case it was someone else's file.
    assertThat(file.resolveSibling("sessions.json.rejected")).hasContent(content);
    // Still usable, and the next close writes a good file over the bad one.
    SessionRecord record = Sessions.record(clock, Duration.ofMinutes(30), null);
    store.create(record);
    store.close();
    assertThat(open(file).load(record.key())).contains(record);
  }
}
