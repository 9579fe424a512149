package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A human agent takes the conversation over from the assistant. */
public record HandOverConversationCommand(
    @TargetAggregateIdentifier UUID conversationId, Requester requester, HumanAgent humanAgent) {}
