package io.siteassist.server.axon;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a command that lost an optimistic-concurrency race (another writer appended to the same
 * aggregate first), with a growing, jittered pause; the retry reloads the aggregate. Every other
 * failure is final. Axon's interval scheduler cannot say this: it treats a failure as final when
 * any exception in its cause chain is, and the driver's duplicate-key exception under a
 * ConcurrencyException is not one.
 */
final class ConcurrencyRetryScheduler implements RetryScheduler {

  private static final Logger log = LoggerFactory.getLogger(ConcurrencyRetryScheduler.class);

  private final ScheduledExecutorService executor;
  private final int maxRetries;
  private final long baseIntervalMillis;

  ConcurrencyRetryScheduler(
      ScheduledExecutorService executor, int maxRetries, long baseIntervalMillis) {
    this.executor = executor;
    this.maxRetries = maxRetries;
    this.baseIntervalMillis = baseIntervalMillis;
  }

  @Override
  public boolean scheduleRetry(
      CommandMessage commandMessage,
      RuntimeException lastFailure,
      List<Class<? extends Throwable>[]> failures,
      Runnable commandDispatch) {
    if (!isConcurrencyConflict(lastFailure) || failures.size() > maxRetries) {
      return false;
    }
    long pause =
        baseIntervalMillis * failures.size()
            + ThreadLocalRandom.current().nextLong(baseIntervalMillis + 1);
    log.debug(
        "{} lost a concurrency race (attempt {}); retrying in {} ms",
        commandMessage.getPayloadType().getSimpleName(),
        failures.size(),
        pause);
    executor.schedule(commandDispatch, pause, TimeUnit.MILLISECONDS);
    return true;
  }

  /**
   * A lost race: an append at a sequence number another writer took first, or (for an aggregate
   * created on demand, like a visitor) a creation another writer made first.
   */
  static boolean isConcurrencyConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
        return true;
      }
    }
    return false;
  }
}
