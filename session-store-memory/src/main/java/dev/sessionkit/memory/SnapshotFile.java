package dev.sessionkit.memory;

import dev.sessionkit.SessionStoreException;
import dev.sessionkit.spi.SessionKey;
import dev.sessionkit.spi.SessionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file a memory store saves its sessions to on close and reads on start. JSON, never Java
 * serialization; written to a temporary file and renamed over the old one, so that a crash
 * mid-write leaves the previous file or none, never half of one.
 */
final class SnapshotFile {

  static final String FORMAT = "sessionkit-memory-snapshot";
  static final int VERSION = 1;

  private static final System.Logger LOG = System.getLogger(MemorySessionStore.class.getName());

  private final Path path;
  private final JsonMapper mapper = JsonMapper.builder().build();

  SnapshotFile(Path path) {
    this.path = Objects.requireNonNull(path, "snapshotFile");
  }

  Path path() {
    return path;
  }

  /**
   * Reads the sessions and deletes the file, so that a later crash cannot bring back sessions that
   * were deleted after this start. A missing file gives none. A corrupt or foreign file gives none
   * and is renamed to {@link #rejected()}, so that the next snapshot does not overwrite what may be
   * someone else's file.
   */
  List<SessionRecord> readAndDelete() {
    List<SessionRecord> records;
    try (InputStream in = Files.newInputStream(path)) {
      records = decode(mapper.readValue(in, Document.class));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | JacksonException | IllegalArgumentException e) {
      reject(e.getMessage());
      return List.of();
    } catch (RuntimeException e) {
      // One bad entry means the file is not as we wrote it: trust none of it.
      reject("bad entry: " + e);
      return List.of();
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Could not delete the session snapshot " + path + " after reading it",
          e);
    }
    return records;
  }

  Path rejected() {
    return path.resolveSibling(path.getFileName() + ".rejected");
  }

  private void reject(String why) {
    String where;
    try {
      Files.move(path, rejected(), StandardCopyOption.REPLACE_EXISTING);
      where = "moved it to " + rejected();
    } catch (IOException e) {
      where = "could not move it aside: " + e;
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "Ignoring session snapshot " + path + " (" + why + "); started empty and " + where);
  }

  private static List<SessionRecord> decode(Document document) {
    if (document == null
        || !FORMAT.equals(document.format())
        || document.version() != VERSION
        || document.sessions() == null) {
      throw new IllegalArgumentException("not a " + FORMAT + " version " + VERSION + " file");
    }
    List<SessionRecord> records = new ArrayList<>(document.sessions().size());
    for (Entry entry : document.sessions()) {
      records.add(entry.toRecord());
    }
    return records;
  }

  /**
   * Replaces the file with the given sessions.
   *
   * @throws SessionStoreException when the file cannot be written
   */
  void write(Collection<SessionRecord> records) {
    List<Entry> entries = new ArrayList<>(records.size());
    records.forEach(r -> entries.add(Entry.of(r)));
    Path dir = path.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      // createTempFile makes the file readable by its owner only, which suits session data.
      temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        mapper.writeValue(out, new Document(FORMAT, VERSION, entries));
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | JacksonException e) {
      deleteQuietly(temp);
      throw new SessionStoreException("could not write the session snapshot " + path, e);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "Could not delete " + temp, e);
    }
  }

  /** The file as a whole. */
  record Document(String format, int version, List<Entry> sessions) {}

  /** One session; times and durations in ISO-8601 text, attribute values as their JSON text. */
  record Entry(
      String key,
      String creationTime,
      String lastAccessTime,
      String idleTimeout,
      String absoluteDeadline,
      String principal,
      Map<String, String> attributes) {

    static Entry of(SessionRecord r) {
      return new Entry(
          r.key().value(),
          r.creationTime().toString(),
          r.lastAccessTime().toString(),
          r.idleTimeout().toString(),
          r.absoluteDeadlineIfAny().map(Instant::toString).orElse(null),
          r.principal(),
          r.attributes());
    }

    SessionRecord toRecord() {
      return new SessionRecord(
          new SessionKey(key),
          Instant.parse(creationTime),
          Instant.parse(lastAccessTime),
          Duration.parse(idleTimeout),
          absoluteDeadline == null ? null : Instant.parse(absoluteDeadline),
          principal,
          attributes);
    }
  }
}
