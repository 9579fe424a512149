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
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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

  private final CommandGateway commands;
  private final QueryGateway queries;
  private final Duration readYourWritesTimeout;

  Messaging(CommandGateway commands, QueryGateway queries, SiteAssistProperties properties) {
    this.commands = commands;
    this.queries = queries;
    this.readYourWritesTimeout = properties.readYourWritesTimeout();
  }

  /** Sends a conversation command and returns once the read model reflects it. */
  CommandOutcome sendToConversation(UUID conversationId, Object command) {
    CommandOutcome outcome = commands.sendAndWait(command);
    awaitConversation(conversationId, outcome.version());
    return outcome;
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

  /**
   * Polls until the read model has applied the conversation up to the version, or the timeout
   * passes. The write is durable either way; on timeout only the freshness of the answer suffers.
   */
  void awaitConversation(UUID conversationId, long version) {
    await(
        () -> query(new ConversationVersionQuery(conversationId), Long.class) >= version,
        "conversation " + conversationId + " at version " + version);
  }

  <R> Optional<R> awaitPresent(Supplier<Optional<R>> lookup, String what) {
    Object[] found = new Object[1];
    await(
        () -> {
          Optional<R> value = lookup.get();
          value.ifPresent(v -> found[0] = v);
          return value.isPresent();
        },
        what);
    @SuppressWarnings("unchecked")
    R value = (R) found[0];
    return Optional.ofNullable(value);
  }

  private void await(Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + readYourWritesTimeout.toNanos();
    long pauseMicros = 200;
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        log.warn("Read model did not reach {} within {}", what, readYourWritesTimeout);
        return;
      }
      try {
        Thread.sleep(pauseMicros / 1000, (int) (pauseMicros % 1000) * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pauseMicros = Math.min(pauseMicros * 2, 5_000);
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
