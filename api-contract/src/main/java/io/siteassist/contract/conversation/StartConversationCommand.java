package io.siteassist.contract.conversation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a new conversation for a visitor of a project. */
public record StartConversationCommand(
    @TargetAggregateIdentifier UUID conversationId,
    String projectId,
    UUID visitorId,
    String pageUrl) {}
