package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stores what a visitor wrote in an open conversation. */
public record PostVisitorMessageCommand(
    @TargetAggregateIdentifier UUID conversationId,
    Requester requester,
    UUID messageId,
    String content,
    PageContext pageContext) {}
