package io.siteassist.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.siteassist.command.rules.RuleViolation;
import io.siteassist.contract.Requester;
import io.siteassist.contract.conversation.AgentMessagePostedEvent;
import io.siteassist.contract.conversation.CloseConversationCommand;
import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.ConversationClosedEvent;
import io.siteassist.contract.conversation.ConversationHandedOverEvent;
import io.siteassist.contract.conversation.ConversationReleasedEvent;
import io.siteassist.contract.conversation.ConversationStartedEvent;
import io.siteassist.contract.conversation.Feedback;
import io.siteassist.contract.conversation.GiveMessageFeedbackCommand;
import io.siteassist.contract.conversation.HandOverConversationCommand;
import io.siteassist.contract.conversation.HumanAgent;
import io.siteassist.contract.conversation.MessageFeedbackClearedEvent;
import io.siteassist.contract.conversation.MessageFeedbackGivenEvent;
import io.siteassist.contract.conversation.PageContext;
import io.siteassist.contract.conversation.PostAgentMessageCommand;
import io.siteassist.contract.conversation.PostVisitorMessageCommand;
import io.siteassist.contract.conversation.ReleaseConversationCommand;
import io.siteassist.contract.conversation.StartConversationCommand;
import io.siteassist.contract.conversation.VisitorMessagePostedEvent;
import io.siteassist.contract.error.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A conversation between a visitor and a project (its assistant or a human agent). It keeps only
 * what its decisions need: who owns it, whether it is open, who handles it, and which messages it
 * holds with their feedback. Field visibility lets Jackson write and read its snapshots.
 */
@Aggregate(snapshotTriggerDefinition = "conversationSnapshotTrigger", cache = "conversationCache")
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public class Conversation {

  @AggregateIdentifier private UUID conversationId;
  private String projectId;
  private UUID visitorId;
  private boolean closed;
  private HumanAgent humanAgent;

  /**
   * Every message of the conversation, with its feedback (null when none). The null values must
   * survive a snapshot whatever the mapper's default inclusion is.
   */
  @JsonInclude(content = JsonInclude.Include.ALWAYS)
  private Map<UUID, Feedback> messages = new HashMap<>();

  protected Conversation() {
    // for Axon and Jackson
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  CommandOutcome handle(StartConversationCommand command) {
    apply(
        new ConversationStartedEvent(
            command.conversationId(), command.projectId(), command.visitorId(), command.pageUrl()));
    return outcome();
  }

  @CommandHandler
  CommandOutcome handle(PostVisitorMessageCommand command) {
    requireAccessBy(command.requester());
    requireOpen();
    requireNewMessage(command.messageId());
    PageContext page = command.pageContext() == null ? PageContext.NONE : command.pageContext();
    apply(
        new VisitorMessagePostedEvent(
            conversationId,
            command.messageId(),
            command.content(),
            page.url(),
            page.title(),
            page.content()));
    return outcome();
  }

  @CommandHandler
  CommandOutcome handle(CloseConversationCommand command) {
    requireAccessBy(command.requester());
    if (!isClosed()) {
      apply(new ConversationClosedEvent(conversationId, command.closeReason()));
    }
    return outcome();
  }

  @CommandHandler
  CommandOutcome handle(GiveMessageFeedbackCommand command) {
    requireAccessBy(command.requester());
    UUID messageId = command.messageId();
    if (!holdsMessage(messageId)) {
      throw new RuleViolation(
          ErrorCode.MESSAGE_NOT_FOUND,
          "Message not found.",
          Map.of("messageId", String.valueOf(messageId)));
    }
    Feedback current = messages.get(messageId);
    if (command.feedback() == null && current != null) {
      apply(new MessageFeedbackClearedEvent(conversationId, messageId));
    } else if (command.feedback() != null && command.feedback() != current) {
      apply(new MessageFeedbackGivenEvent(conversationId, messageId, command.feedback()));
    }
    return outcome();
  }

  @CommandHandler
  CommandOutcome handle(HandOverConversationCommand command) {
    requireAccessBy(command.requester());
    requireProjectBackend(command.requester());
    if (command.humanAgent() == null) {
      throw new RuleViolation(
          ErrorCode.VALIDATION_ERROR,
          "A handover needs the human agent who takes over.",
          Map.of("field", "humanAgent", "reason", "is required"));
    }
    requireOpen();
    if (isHumanHandled()) {
      throw conflict("The conversation is already handled by a human agent.", "isHumanHandled");
    }
    apply(new ConversationHandedOverEvent(conversationId, command.humanAgent()));
    return outcome();
  }

  @CommandHandler
  CommandOutcome handle(ReleaseConversationCommand command) {
    requireAccessBy(command.requester());
    requireProjectBackend(command.requester());
    requireOpen();
    if (!isHumanHandled()) {
      throw conflict("The conversation is not handled by a human agent.", "isHumanHandled");
    }
    apply(new ConversationReleasedEvent(conversationId));
    return outcome();
  }

  @CommandHandler
  CommandOutcome handle(PostAgentMessageCommand command) {
    requireAccessBy(command.requester());
    requireProjectBackend(command.requester());
    requireOpen();
    requireNewMessage(command.messageId());
    HumanAgent signature = command.humanAgent() != null ? command.humanAgent() : humanAgent;
    apply(
        new AgentMessagePostedEvent(
            conversationId, command.messageId(), command.content(), signature));
    return outcome();
  }

  @EventSourcingHandler
  void on(ConversationStartedEvent event) {
    conversationId = event.conversationId();
    projectId = event.projectId();
    visitorId = event.visitorId();
  }

  @EventSourcingHandler
  void on(VisitorMessagePostedEvent event) {
    messages.put(event.messageId(), null);
  }

  @EventSourcingHandler
  void on(AgentMessagePostedEvent event) {
    messages.put(event.messageId(), null);
  }

  @EventSourcingHandler
  void on(MessageFeedbackGivenEvent event) {
    messages.put(event.messageId(), event.feedback());
  }

  @EventSourcingHandler
  void on(MessageFeedbackClearedEvent event) {
    messages.put(event.messageId(), null);
  }

  @EventSourcingHandler
  void on(ConversationHandedOverEvent event) {
    humanAgent = event.humanAgent();
  }

  @EventSourcingHandler
  void on(ConversationReleasedEvent event) {
    humanAgent = null;
  }

  @EventSourcingHandler
  void on(ConversationClosedEvent event) {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  boolean isHumanHandled() {
    return humanAgent != null;
  }

  boolean holdsMessage(UUID messageId) {
    return messages.containsKey(messageId);
  }

  /** A project's back end may touch all its conversations; a visitor only its own. */
  boolean accessibleBy(Requester requester) {
    if (!Objects.equals(projectId, requester.projectId())) {
      return false;
    }
    return !requester.isVisitor() || Objects.equals(visitorId, requester.visitorId());
  }

  private void requireAccessBy(Requester requester) {
    if (!accessibleBy(requester)) {
      throw new RuleViolation(
          ErrorCode.FORBIDDEN, "You do not have access to this conversation.", Map.of());
    }
  }

  /** Operators act through the project's back end, never through a visitor's session. */
  private static void requireProjectBackend(Requester requester) {
    if (requester.isVisitor()) {
      throw new RuleViolation(
          ErrorCode.FORBIDDEN, "Only the project's back end can do this.", Map.of());
    }
  }

  private void requireOpen() {
    if (isClosed()) {
      throw conflict("The conversation is closed.", "status");
    }
  }

  private void requireNewMessage(UUID messageId) {
    if (holdsMessage(messageId)) {
      throw conflict("A message with this id already exists.", "messageId");
    }
  }

  private static RuleViolation conflict(String message, String field) {
    return new RuleViolation(
        ErrorCode.CONFLICT, message, Map.of("resource", "conversation", "conflictingField", field));
  }

  private static CommandOutcome outcome() {
    return new CommandOutcome(AggregateLifecycle.getVersion());
  }
}
