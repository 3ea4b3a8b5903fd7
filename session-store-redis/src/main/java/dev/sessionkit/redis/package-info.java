/**
 * The Redis session store on Lettuce: standalone, Sentinel and Cluster.
 *
 * <p>{@link dev.sessionkit.redis.RedisSessionStore} is the public face, built with {@link
 * dev.sessionkit.redis.RedisSessionStore#builder()}. Everything else here is package-private: the
 * key layout and record encoding ({@code RedisLayout}, {@code SessionKitLayout}), the Lua scripts,
 * the connection's life ({@code RedisConnector}) and the bounded waits ({@code RedisCalls}).
 */
package dev.sessionkit.redis;
