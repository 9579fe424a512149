package io.siteassist.contract.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The visitor wrote a message, with the page it was written on. */
@Revision("1")
public record VisitorMessagePostedEvent(
    UUID conversationId,
    UUID messageId,
    String content,
    String pageUrl,
    String pageTitle,
    String pageContent)
    implements ConversationEvent {}
