package io.siteassist.server.axon;

import io.siteassist.command.rules.RuleViolationTranslator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon wiring that properties cannot express: the command-side error translation, aggregate caching
 * and snapshots, and a command gateway that retries a lost optimistic-concurrency race.
 */
@Configuration
class AxonConfig {

  @Bean
  RuleViolationTranslator ruleViolationTranslator() {
    return new RuleViolationTranslator();
  }

  /** Loading a long conversation must not replay all its messages. */
  @Bean
  SnapshotTriggerDefinition conversationSnapshotTrigger(
      Snapshotter snapshotter, @Value("${siteassist.snapshot-threshold:100}") int threshold) {
    return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
  }

  @Bean
  Cache conversationCache() {
    return new WeakReferenceCache();
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService commandRetryExecutor() {
    return Executors.newScheduledThreadPool(
        1,
        runnable -> {
          Thread thread = new Thread(runnable, "command-retry");
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Two writers of one conversation on different nodes race on its sequence number; the loser is
   * retried (reloading the aggregate), never reported as lost. Any other failure is final.
   */
  @Bean
  CommandGateway commandGateway(
      CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
    return DefaultCommandGateway.builder()
        .commandBus(commandBus)
        .retryScheduler(
            IntervalRetryScheduler.builder()
                .retryExecutor(commandRetryExecutor)
                .retryInterval(20)
                .maxRetryCount(5)
                .nonTransientFailurePredicate(failure -> !isConcurrencyConflict(failure))
                .build())
        .build();
  }

  static boolean isConcurrencyConflict(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConcurrencyException) {
        return true;
      }
    }
    return false;
  }
}
