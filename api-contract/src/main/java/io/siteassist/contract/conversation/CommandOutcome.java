package io.siteassist.contract.conversation;

/**
 * What a conversation command returns: the aggregate's sequence number after it, which the edge
 * waits for in the read model before answering (read your writes).
 */
public record CommandOutcome(long version) {}
