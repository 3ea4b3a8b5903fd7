/** The in-process, bounded, expiring session store built on Caffeine. */
package dev.sessionkit.memory;
