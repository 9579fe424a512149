package io.siteassist.server.ops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A task run on a daemon thread of its own, again and again with a fixed pause, until stopped. */
final class PeriodicTask {

  private final ScheduledExecutorService executor;

  private PeriodicTask(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  static PeriodicTask start(String thread, Duration first, Duration pause, Runnable task) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread daemon = new Thread(runnable, thread);
              daemon.setDaemon(true);
              return daemon;
            });
    executor.scheduleWithFixedDelay(
        task, first.toMillis(), pause.toMillis(), TimeUnit.MILLISECONDS);
    return new PeriodicTask(executor);
  }

  /** Interrupts a run in progress and waits for it to end (5 s at most). */
  void stop() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
