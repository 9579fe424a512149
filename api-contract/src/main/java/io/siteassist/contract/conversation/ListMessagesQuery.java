package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;
import java.util.UUID;

/**
 * Which messages of this conversation match the role and status (null for any), oldest first? A
 * null limit means all.
 */
public record ListMessagesQuery(
    Requester requester,
    UUID conversationId,
    MessageRole role,
    MessageStatus status,
    Integer limit,
    int offset) {}
