package io.siteassist.contract.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The visitor withdrew the feedback on a message. */
@Revision("1")
public record MessageFeedbackClearedEvent(UUID conversationId, UUID messageId)
    implements ConversationEvent {}
