package dev.sessionkit.jdbc;

import java.util.List;

/** Unreadable rows on H2, whose attributes column is plain text: anything can be in it. */
class H2UnreadableRowTest extends UnreadableRowChecks {

  private static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }

  @Override
  List<String> unreadableText() {
    return List.of(
        "",
        " ",
        "{not json",
        "{\"user\":\"\\\"al",
        "{\"user\": \"1\"} trailing",
        "{\"user\": \"1\"}{}",
        "{\"user\": \"1\",}",
        "{'user': '1'}");
  }
}
