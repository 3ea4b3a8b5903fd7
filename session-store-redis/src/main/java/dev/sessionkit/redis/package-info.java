/**
 * The Redis session store on Lettuce: standalone, Sentinel and Cluster.
 *
 * <p>{@link dev.sessionkit.redis.RedisSessionStore} is the public face; its {@link
 * dev.sessionkit.redis.RedisStoreBuilder} is the {@link dev.sessionkit.spi.StoreFactory} the engine
 * builds it with. Everything else here is package-private: a session's hash, its key and the
 * commands that read and write it ({@code SessionHashLayout}, {@code SessionHashCodec}, {@code
 * SessionScripts}), each principal's index of sessions ({@code PrincipalIndex}), the connection's
 * life ({@code RedisConnector}), the bounded waits ({@code RedisCalls}) and expiry events ({@code
 * KeyspaceExpiry}).
 */
package dev.sessionkit.redis;
