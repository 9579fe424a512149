package io.siteassist.contract.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The conversation was closed, with the reason given if any; it accepts no more messages. */
@Revision("1")
public record ConversationClosedEvent(UUID conversationId, String closeReason)
    implements ConversationEvent {}
