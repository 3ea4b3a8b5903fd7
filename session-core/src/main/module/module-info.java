/**
 * SessionKit core: the API for applications ({@code dev.sessionkit}) and the SPI for store authors
 * ({@code dev.sessionkit.spi}). The engine's helpers live in {@code dev.sessionkit.internal}, which
 * is not exported.
 */
module dev.sessionkit {
  requires transitive tools.jackson.databind;

  exports dev.sessionkit;
  exports dev.sessionkit.spi;
}
