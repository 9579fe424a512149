package io.siteassist.contract.conversation;

import java.util.UUID;

/**
 * Up to which aggregate sequence number has the read model applied this conversation's events? The
 * answer is -1 when it has applied none.
 */
public record ConversationVersionQuery(UUID conversationId) {}
