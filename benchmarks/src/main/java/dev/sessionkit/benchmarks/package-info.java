/** JMH benchmarks, each beside the raw operation it wraps. */
package dev.sessionkit.benchmarks;
