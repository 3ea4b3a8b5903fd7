package dev.sessionkit.jdbc;

import dev.sessionkit.spi.SessionRecord;

/**
 * A session as read from its row, with the row's version: what a compare-and-swap starts from and
 * checks against.
 *
 * @param record the session
 * @param version the version column when it was read
 */
record VersionedRecord(SessionRecord record, long version) {}
