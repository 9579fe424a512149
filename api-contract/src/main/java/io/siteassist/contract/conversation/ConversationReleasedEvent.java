package io.siteassist.contract.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The human agent gave the conversation back to the assistant. */
@Revision("1")
public record ConversationReleasedEvent(UUID conversationId) implements ConversationEvent {}
