/**
 * The Redis session store, on Lettuce. Its builder takes the application's own Lettuce client or
 * connection, so Lettuce's types are part of the API and its module is read transitively.
 */
// Lettuce 7 ships no module-info, only the Automatic-Module-Name lettuce.core. Requiring it,
// transitively, is what the API needs; the warnings that it is automatic say nothing we can act on.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.sessionkit.redis {
  requires transitive dev.sessionkit;
  requires transitive lettuce.core;
  requires tools.jackson.core;
  requires com.github.benmanes.caffeine;
  // Netty's jars are explicit modules, resolved only when a module requires them, and Lettuce, an
  // automatic module, cannot. Without these two (which require the rest of what Lettuce runs on),
  // a store on the module path fails when built: NoClassDefFoundError io/netty/util/Timer.
  requires io.netty.handler;
  requires io.netty.common;
  requires io.netty.resolver.dns;

  exports dev.sessionkit.redis;

  provides dev.sessionkit.spi.StoreProvider with
      dev.sessionkit.redis.RedisStoreProvider;
}
