package dev.sessionkit.tck;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips the properties that race real threads (the cap, renewal), with the store's own message,
 * when the store cannot be opened here (its server is absent), as {@link KitPropertyHook} does for
 * the model property; the property keeps its own number of tries, each of which races real threads.
 */
final class CapPropertyHook implements SkipExecutionHook {

  CapPropertyHook() {}

  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    return KitPropertyHook.skipWhenTheStoreCannotBeOpened(context);
  }
}
