package io.siteassist.server.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/projections}: the progress of every projection against the event store's head,
 * and (POST to {@code /actuator/projections/{name}}) a replay that rebuilds one from the first
 * event while the API keeps serving. A reset needs every segment of the processor on this node.
 */
@Component
@Endpoint(id = "projections")
class ProjectionsEndpoint {

  private final EventProcessingConfiguration processing;
  private final EventStore eventStore;

  ProjectionsEndpoint(EventProcessingConfiguration processing, EventStore eventStore) {
    this.processing = processing;
    this.eventStore = eventStore;
  }

  @ReadOperation
  Map<String, Object> projections() {
    Map<String, Object> all = new LinkedHashMap<>();
    long head = head();
    processing
        .eventProcessors()
        .forEach(
            (name, processor) -> {
              if (processor instanceof StreamingEventProcessor streaming) {
                all.put(name, status(name, streaming, head));
              }
            });
    all.put("head", head);
    return all;
  }

  @ReadOperation
  Map<String, Object> projection(@Selector String name) {
    return status(name, streaming(name), head());
  }

  @WriteOperation
  Map<String, Object> replay(@Selector String name) {
    StreamingEventProcessor processor = streaming(name);
    if (!processor.supportsReset()) {
      throw new IllegalStateException("Processor " + name + " cannot be reset");
    }
    processor.shutDown();
    processor.resetTokens();
    processor.start();
    return status(name, processor, head());
  }

  private StreamingEventProcessor streaming(String name) {
    return processing
        .eventProcessor(name, StreamingEventProcessor.class)
        .orElseThrow(() -> new IllegalArgumentException("No projection named " + name));
  }

  private long head() {
    TrackingToken head = eventStore.createHeadToken();
    return head == null ? -1L : head.position().orElse(-1L);
  }

  /**
   * A segment leaves Axon's replay mode only when it handles an event appended after the reset, so
   * "replaying" here means what an operator asks: still behind the head while replaying.
   */
  private Map<String, Object> status(String name, StreamingEventProcessor processor, long head) {
    Map<String, EventTrackerStatus> segments = new LinkedHashMap<>();
    processor
        .processingStatus()
        .forEach((segment, status) -> segments.put(String.valueOf(segment), status));
    long position =
        segments.values().stream()
            .mapToLong(s -> s.getCurrentPosition().orElse(-1L))
            .min()
            .orElse(-1L);
    boolean caughtUp =
        !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
    boolean replayMode = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("running", processor.isRunning());
    status.put("error", processor.isError());
    status.put("replaying", replayMode && !(caughtUp && position >= head));
    status.put("caughtUp", caughtUp);
    status.put("position", position);
    Map<String, Object> perSegment = new LinkedHashMap<>();
    segments.forEach(
        (segment, s) ->
            perSegment.put(
                segment,
                Map.of(
                    "caughtUp", s.isCaughtUp(),
                    "replaying", s.isReplaying(),
                    "position", s.getCurrentPosition().orElse(-1L))));
    status.put("segments", perSegment);
    processing
        .deadLetterQueue(name)
        .ifPresent(queue -> status.put("deadLetterSequences", queue.amountOfSequences()));
    return status;
  }
}
