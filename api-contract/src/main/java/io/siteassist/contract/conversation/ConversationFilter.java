package io.siteassist.contract.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * Optional filters of a conversation list; every null means "any". {@code createdAfter} is
 * exclusive and {@code createdBefore} exclusive.
 */
public record ConversationFilter(
    ConversationStatus status,
    UUID visitorId,
    Boolean humanHandled,
    Instant createdAfter,
    Instant createdBefore) {

  public static final ConversationFilter ANY = new ConversationFilter(null, null, null, null, null);
}
