package io.siteassist.contract.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A visitor of a project opened a conversation, possibly from a page. */
@Revision("1")
public record ConversationStartedEvent(
    UUID conversationId, String projectId, UUID visitorId, String pageUrl)
    implements ConversationEvent {}
