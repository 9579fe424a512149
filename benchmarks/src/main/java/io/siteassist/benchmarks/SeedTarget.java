package io.siteassist.benchmarks;

import java.time.Instant;
import java.util.UUID;

/** Where {@link EventSeeder} appends its events: Axon's JDBC event store, or Axon Server. */
interface SeedTarget extends AutoCloseable {

  /** One {@code ConversationStartedEvent}: the first event (sequence 0) of its conversation. */
  record SeedEvent(UUID conversationId, UUID eventId, byte[] payload, Instant timestamp) {}

  /** How many events the store held before seeding. */
  long eventsBefore() throws Exception;

  void append(SeedEvent event) throws Exception;

  /** Ends a batch: what was appended since the last batch is committed (or on its way). */
  void endBatch() throws Exception;

  /** Waits until every batch is stored; returns what the store holds now, for the output. */
  String finish() throws Exception;
}
