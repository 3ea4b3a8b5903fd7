package dev.sessionkit.spring.boot;

import java.nio.file.Path;

/** {@code sessionkit.memory.*}: the memory store. */
public class MemoryStoreProperties {

  /** Creates the settings with every value unset; Spring binds them. */
  public MemoryStoreProperties() {}

  /** The most sessions kept; past it the least likely to be used are evicted. Default 100000. */
  private Long maximumSize;

  /** A file the sessions are written to at shutdown and read back at start-up; default none. */
  private Path snapshotFile;

  /**
   * Returns the bound.
   *
   * @return the bound, or null for the default
   */
  public Long getMaximumSize() {
    return maximumSize;
  }

  /**
   * Sets the bound.
   *
   * @param maximumSize the bound
   */
  public void setMaximumSize(Long maximumSize) {
    this.maximumSize = maximumSize;
  }

  /**
   * Returns the snapshot file.
   *
   * @return the file, or null for none
   */
  public Path getSnapshotFile() {
    return snapshotFile;
  }

  /**
   * Sets the snapshot file.
   *
   * @param snapshotFile the file
   */
  public void setSnapshotFile(Path snapshotFile) {
    this.snapshotFile = snapshotFile;
  }
}
