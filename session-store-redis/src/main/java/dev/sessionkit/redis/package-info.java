/** The Redis session store on Lettuce: standalone, Sentinel and Cluster. */
package dev.sessionkit.redis;
