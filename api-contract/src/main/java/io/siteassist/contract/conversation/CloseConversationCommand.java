package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes a conversation; closing a closed conversation succeeds and changes nothing. */
public record CloseConversationCommand(
    @TargetAggregateIdentifier UUID conversationId, Requester requester, String closeReason) {}
