/**
 * Micrometer meters for SessionKit. Its API hands out the core's listener and Micrometer's {@code
 * MeterBinder}, so both modules are read transitively. Micrometer's jar has no descriptor; it is
 * the automatic module {@code micrometer.core} (its manifest's {@code Automatic-Module-Name}), a
 * name Micrometer keeps stable, so the lint's warnings about requiring it are silenced.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.sessionkit.metrics {
  requires transitive dev.sessionkit;
  requires transitive micrometer.core;

  exports dev.sessionkit.metrics;
}
