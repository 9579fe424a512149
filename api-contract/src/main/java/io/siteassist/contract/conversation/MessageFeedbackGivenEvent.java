package io.siteassist.contract.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The visitor liked or disliked a message (replacing any earlier feedback on it). */
@Revision("1")
public record MessageFeedbackGivenEvent(UUID conversationId, UUID messageId, Feedback feedback)
    implements ConversationEvent {}
