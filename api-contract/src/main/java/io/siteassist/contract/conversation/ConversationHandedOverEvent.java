package io.siteassist.contract.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A human agent took the conversation over from the assistant. */
@Revision("1")
public record ConversationHandedOverEvent(UUID conversationId, HumanAgent humanAgent)
    implements ConversationEvent {}
