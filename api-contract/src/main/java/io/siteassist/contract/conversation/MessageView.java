package io.siteassist.contract.conversation;

import java.time.Instant;
import java.util.UUID;

/** A message as the read model holds it. */
public record MessageView(
    UUID id,
    UUID conversationId,
    Instant createdAt,
    MessageRole role,
    String text,
    MessageStatus status,
    String error,
    Feedback feedback,
    Instant feedbackAt,
    HumanAgent humanAgent,
    String pageUrl,
    String pageTitle) {}
