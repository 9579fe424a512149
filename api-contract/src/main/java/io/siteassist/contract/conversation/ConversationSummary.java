package io.siteassist.contract.conversation;

import java.time.Instant;
import java.util.UUID;

/** A conversation as the read model holds it, with its latest message (null when it has none). */
public record ConversationSummary(
    UUID id,
    String projectId,
    UUID visitorId,
    Instant createdAt,
    Instant updatedAt,
    ConversationStatus status,
    Instant closedAt,
    String closeReason,
    Instant lastInteractionAt,
    boolean humanHandled,
    HumanAgent humanAgent,
    String title,
    MessageView lastMessage) {}
