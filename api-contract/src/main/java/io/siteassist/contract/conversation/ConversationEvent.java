package io.siteassist.contract.conversation;

import java.util.UUID;

/** Everything that can happen to a conversation. */
public sealed interface ConversationEvent
    permits ConversationStartedEvent,
        VisitorMessagePostedEvent,
        AgentMessagePostedEvent,
        MessageFeedbackGivenEvent,
        MessageFeedbackClearedEvent,
        ConversationHandedOverEvent,
        ConversationReleasedEvent,
        ConversationClosedEvent {

  UUID conversationId();
}
