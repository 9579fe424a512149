package io.siteassist.contract.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A human agent wrote a message to the visitor. */
@Revision("1")
public record AgentMessagePostedEvent(
    UUID conversationId, UUID messageId, String content, HumanAgent humanAgent)
    implements ConversationEvent {}
