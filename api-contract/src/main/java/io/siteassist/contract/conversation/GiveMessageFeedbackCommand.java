package io.siteassist.contract.conversation;

import io.siteassist.contract.Requester;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets, changes or (with a null feedback) clears the feedback on one message. */
public record GiveMessageFeedbackCommand(
    @TargetAggregateIdentifier UUID conversationId,
    Requester requester,
    UUID messageId,
    Feedback feedback) {}
