package dev.sessionkit.tck;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.opentest4j.TestAbortedException;

/**
 * Applies a contract's overridable settings to its properties, since annotation values cannot be
 * overridden by a subclass, and skips them when the store cannot be opened here.
 */
final class KitPropertyHook implements AroundPropertyHook, SkipExecutionHook {

  KitPropertyHook() {}

  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    return skipWhenTheStoreCannotBeOpened(context);
  }

  /** Skips a property, with the store's own message, when its store cannot be opened here. */
  static SkipResult skipWhenTheStoreCannotBeOpened(LifecycleContext context) {
    if (!(context instanceof PropertyLifecycleContext property)) {
      return SkipResult.doNotSkip();
    }
    // Inside a try, jqwik reads a failed assumption as a discarded sample and would end up failing
    // the property for lack of checks; probing once up front turns it into a skip.
    try {
      ((SessionStoreContract) property.testInstance()).probeStore();
      return SkipResult.doNotSkip();
    } catch (TestAbortedException e) {
      return SkipResult.skip(e.getMessage());
    }
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    SessionStoreContract contract = (SessionStoreContract) context.testInstance();
    context.attributes().setTries(contract.propertyTries());
    return property.execute();
  }
}
