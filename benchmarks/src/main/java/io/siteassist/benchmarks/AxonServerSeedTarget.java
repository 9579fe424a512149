package io.siteassist.benchmarks;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AppendEventsTransaction;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Appends the events to an Axon Server context through AxonIQ's Java connector: one append
 * transaction per batch, a few of them in flight at once. Each event is what Axon Framework's
 * {@code AxonServerEventStore} stores for an aggregate's first event: aggregate type, identifier
 * and sequence number 0, the payload as the service's Jackson serializer writes it (type and
 * revision), and empty metadata. Axon Server numbers the events (tokens from 0).
 */
final class AxonServerSeedTarget implements SeedTarget {

  private static final int IN_FLIGHT = 4;
  private static final long CONNECT_TIMEOUT_MS = 30_000;
  private static final long CALL_TIMEOUT_S = 120;

  private final String servers;
  private final String context;
  private final AxonServerConnectionFactory factory;
  private final AxonServerConnection connection;
  private final EventChannel events;
  private final long before;
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private AppendEventsTransaction transaction;

  /**
   * @param servers {@code host:port} (gRPC, 8124 by default), comma-separated for a cluster
   * @param context the context the service uses ({@code AXON_SERVER_CONTEXT}, default {@code
   *     default})
   * @param token Axon Server's access token, or null when access control is off
   */
  AxonServerSeedTarget(String servers, String context, String token) throws Exception {
    this.servers = servers;
    this.context = context;
    AxonServerConnectionFactory.Builder builder =
        AxonServerConnectionFactory.forClient("siteassist-benchmarks-seeder")
            .routingServers(
                Arrays.stream(servers.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(AxonServerSeedTarget::address)
                    .toArray(ServerAddress[]::new));
    if (token != null && !token.isBlank()) {
      builder.token(token);
    }
    this.factory = builder.build();
    try {
      this.connection = factory.connect(context);
      awaitConnected();
      this.events = connection.eventChannel();
      // the token of the last event: -1 when the context holds none
      this.before = events.getLastToken().get(CALL_TIMEOUT_S, TimeUnit.SECONDS) + 1;
    } catch (Exception | Error e) {
      factory.shutdown();
      throw e;
    }
  }

  static ServerAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      return new ServerAddress(hostPort); // Axon Server's gRPC default, 8124
    }
    return new ServerAddress(
        hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  private void awaitConnected() throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS);
    while (!connection.isConnected()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "no connection to Axon Server at "
                + servers
                + " (context '"
                + context
                + "') within "
                + CONNECT_TIMEOUT_MS / 1000
                + " s");
      }
      Thread.sleep(100);
    }
  }

  @Override
  public long eventsBefore() {
    return before;
  }

  @Override
  public void append(SeedEvent event) throws InterruptedException {
    failIfFailed();
    if (transaction == null) {
      inFlight.acquire();
      transaction = events.startAppendEventsTransaction();
    }
    transaction.appendEvent(event(event));
  }

  /** The event as Axon Framework's AxonServerEventStore maps an aggregate's first event. */
  static Event event(SeedEvent event) {
    return Event.newBuilder()
        .setMessageIdentifier(event.eventId().toString())
        .setAggregateIdentifier(event.conversationId().toString())
        .setAggregateSequenceNumber(0)
        .setAggregateType(EventSeeder.AGGREGATE_TYPE)
        .setTimestamp(event.timestamp().toEpochMilli())
        .setPayload(
            SerializedObject.newBuilder()
                .setType(EventSeeder.PAYLOAD_TYPE)
                .setRevision(EventSeeder.PAYLOAD_REVISION)
                .setData(ByteString.copyFrom(event.payload())))
        .build();
  }

  @Override
  public void endBatch() {
    if (transaction == null) {
      return;
    }
    AppendEventsTransaction committing = transaction;
    transaction = null;
    committing
        .commit()
        .whenComplete(
            (confirmation, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              } else if (!confirmation.getSuccess()) {
                failure.compareAndSet(
                    null, new IllegalStateException("Axon Server did not confirm a batch"));
              }
              inFlight.release();
            });
  }

  @Override
  public String finish() throws Exception {
    endBatch();
    if (!inFlight.tryAcquire(IN_FLIGHT, CALL_TIMEOUT_S, TimeUnit.SECONDS)) {
      throw new TimeoutException("Axon Server did not confirm the last batches");
    }
    inFlight.release(IN_FLIGHT);
    failIfFailed();
    long after = events.getLastToken().get(CALL_TIMEOUT_S, TimeUnit.SECONDS) + 1;
    return "events in Axon Server context '" + context + "': " + before + " -> " + after;
  }

  private void failIfFailed() {
    Throwable error = failure.get();
    if (error != null) {
      throw new IllegalStateException("appending to Axon Server failed: " + error, error);
    }
  }

  @Override
  public void close() {
    if (transaction != null) {
      transaction.rollback();
    }
    connection.disconnect();
    factory.shutdown();
  }
}
