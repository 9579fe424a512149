package io.siteassist.server.ids;

import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers (every event's {@code eventIdentifier}, unique in the event store) as
 * {@link TimeOrderedIds}. Axon finds it through {@code
 * META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

  @Override
  public String generateIdentifier() {
    return TimeOrderedIds.next().toString();
  }
}
