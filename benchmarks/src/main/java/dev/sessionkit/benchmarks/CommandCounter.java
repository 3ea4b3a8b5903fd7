package dev.sessionkit.benchmarks;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.util.concurrent.atomic.LongAdder;

/** Counts the commands a Lettuce client sends, whichever code sends them. */
final class CommandCounter implements CommandListener {

  private final LongAdder started = new LongAdder();

  @Override
  public void commandStarted(CommandStartedEvent event) {
    started.increment();
  }

  long count() {
    return started.sum();
  }
}
