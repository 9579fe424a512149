package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a human-handled conversation back to the assistant. */
public record ReleaseConversationCommand(
    @TargetAggregateIdentifier UUID conversationId, Requester requester) {}
