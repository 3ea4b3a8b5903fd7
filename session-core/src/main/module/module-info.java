/**
 * SessionKit core: the API for applications ({@code dev.sessionkit}), the SPI for store authors
 * ({@code dev.sessionkit.spi}), and express-session's record format for express-compatible store
 * layouts ({@code dev.sessionkit.express}, exported for the stores that offer one). The engine's
 * helpers live in {@code dev.sessionkit.internal}, which is not exported.
 */
module dev.sessionkit {
  requires transitive tools.jackson.databind;

  exports dev.sessionkit;
  exports dev.sessionkit.spi;
  exports dev.sessionkit.express;

  uses dev.sessionkit.spi.StoreProvider;
}
