package io.siteassist.server.ops;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the event store answers (the JDBC tables, or Axon Server), and the position of its head.
 */
@Component
class EventStoreHealthIndicator implements HealthIndicator {

  private final EventStore eventStore;

  EventStoreHealthIndicator(EventStore eventStore) {
    this.eventStore = eventStore;
  }

  @Override
  public Health health() {
    try {
      TrackingToken head = eventStore.createHeadToken();
      return Health.up()
          .withDetail("head", head == null ? -1L : head.position().orElse(-1L))
          .build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
    }
  }
}
