package io.siteassist.server.web;

import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.ConversationVersionQuery;
import io.siteassist.server.config.SiteAssistProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The edge's way into the two sides: commands wait until their events are stored, and then until
 * the read model has applied them, so the caller's next read sees its own write.
 */
@Component
class Messaging {

  private static final Logger log = LoggerFactory.getLogger(Messaging.class);

  /**
   * Waiting for an update: it usually ends the wait long before the first pause is over; only then
   * is the read model asked, at most every 25 ms.
   */
  private static final Duration[] UPDATE_WAIT = {Duration.ofMillis(10), Duration.ofMillis(25)};

  /** Without updates to wait for, the read model is asked at once and then at most every 5 ms. */
  private static final Duration[] POLL = {Duration.ofNanos(200_000), Duration.ofMillis(5)};

  private final CommandGateway commands;
  private final QueryGateway queries;
  private final Duration readYourWritesTimeout;

  Messaging(CommandGateway commands, QueryGateway queries, SiteAssistProperties properties) {
    this.commands = commands;
    this.queries = queries;
    this.readYourWritesTimeout = properties.readYourWritesTimeout();
  }

  /**
   * Sends a conversation command and returns once the read model reflects it. The wait subscribes
   * to the projection's version updates before the command is sent, so no update can slip by; with
   * Axon Server the updates come from whichever node projects the conversation. Between updates the
   * read model is asked directly now and then, for an instance that shares the database but not its
   * updates (another {@code postgres} instance may hold the conversation's segment).
   */
  CommandOutcome sendToConversation(UUID conversationId, Object command) {
    ConversationVersionQuery versionQuery = new ConversationVersionQuery(conversationId);
    try (SubscriptionQueryResult<Long, Long> versions =
        queries.subscriptionQuery(versionQuery, Long.class, Long.class)) {
      CommandOutcome outcome = commands.sendAndWait(command);
      long version = outcome.version();
      CompletableFuture<Long> reached =
          versions.updates().filter(v -> v >= version).next().toFuture();
      await(
          UPDATE_WAIT,
          pause -> {
            try {
              reached.get(pause.toNanos(), TimeUnit.NANOSECONDS);
              return true;
            } catch (TimeoutException e) {
              return query(versionQuery, Long.class) >= version;
            } catch (ExecutionException e) {
              // no more updates (the subscription failed): asking is all that is left
              sleep(pause);
              return query(versionQuery, Long.class) >= version;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return true;
            }
          },
          "conversation " + conversationId + " at version " + version);
      return outcome;
    }
  }

  <R> R send(Object command) {
    return commands.sendAndWait(command);
  }

  <R> R query(Object query, Class<R> type) {
    return join(queries.query(query, type));
  }

  <R> Optional<R> queryOptional(Object query, Class<R> type) {
    return join(queries.query(query, ResponseTypes.optionalInstanceOf(type)));
  }

  <R> Optional<R> awaitPresent(Supplier<Optional<R>> lookup, String what) {
    Object[] found = new Object[1];
    await(
        POLL,
        pause -> {
          sleep(pause);
          Optional<R> value = lookup.get();
          value.ifPresent(v -> found[0] = v);
          return value.isPresent();
        },
        what);
    @SuppressWarnings("unchecked")
    R value = (R) found[0];
    return Optional.ofNullable(value);
  }

  /**
   * Tries the condition with growing pauses (the condition spends the pause: sleeping, or waiting
   * for an update) until it holds or the timeout passes. The write is durable either way; on
   * timeout only the freshness of the answer suffers.
   */
  private void await(Duration[] pauses, Predicate<Duration> condition, String what) {
    long deadline = System.nanoTime() + readYourWritesTimeout.toNanos();
    Duration pause = pauses[0];
    while (!Thread.currentThread().isInterrupted() && !condition.test(pause)) {
      if (System.nanoTime() > deadline) {
        log.warn("Read model did not reach {} within {}", what, readYourWritesTimeout);
        return;
      }
      pause = pause.multipliedBy(2).compareTo(pauses[1]) > 0 ? pauses[1] : pause.multipliedBy(2);
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <R> R join(CompletableFuture<R> future) {
    try {
      return future.get();
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new CompletionException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a query", e);
    }
  }
}
