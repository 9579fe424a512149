package io.siteassist.server.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * One entry per streaming processor (projection): running or not, its claimed segments with their
 * positions, whether they are caught up or replaying, and how many event sequences wait in its
 * dead-letter queue. A processor that stopped on an error makes the service DOWN; parked events are
 * reported, not fatal, since the processor goes on with the rest of the stream.
 */
@Component
class ProcessorsHealthIndicator implements HealthIndicator {

  private final EventProcessingConfiguration processing;

  ProcessorsHealthIndicator(EventProcessingConfiguration processing) {
    this.processing = processing;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    processing
        .eventProcessors()
        .forEach(
            (name, processor) -> {
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("running", processor.isRunning());
              details.put("error", processor.isError());
              if (processor instanceof StreamingEventProcessor streaming) {
                Map<String, Object> segments = new LinkedHashMap<>();
                streaming
                    .processingStatus()
                    .forEach(
                        (segment, status) ->
                            segments.put(String.valueOf(segment), segment(status)));
                details.put("segments", segments);
              }
              processing
                  .deadLetterQueue(name)
                  .ifPresent(
                      queue -> details.put("deadLetterSequences", queue.amountOfSequences()));
              if (processor.isError() || !processor.isRunning()) {
                health.down();
              }
              health.withDetail(name, details);
            });
    return health.build();
  }

  private static Map<String, Object> segment(EventTrackerStatus status) {
    Map<String, Object> segment = new LinkedHashMap<>();
    segment.put("caughtUp", status.isCaughtUp());
    segment.put("replaying", status.isReplaying());
    segment.put("position", status.getCurrentPosition().orElse(-1L));
    if (status.isErrorState()) {
      segment.put("error", String.valueOf(status.getError()));
    }
    return segment;
  }
}
