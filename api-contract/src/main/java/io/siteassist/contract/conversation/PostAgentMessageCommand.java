package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stores what a human agent wrote; without an agent, the one handling the conversation signs it.
 */
public record PostAgentMessageCommand(
    @TargetAggregateIdentifier UUID conversationId,
    Requester requester,
    UUID messageId,
    String content,
    HumanAgent humanAgent) {}
