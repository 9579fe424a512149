package io.siteassist.command.conversation;

import io.siteassist.contract.Requester;
import io.siteassist.contract.conversation.AgentMessagePostedEvent;
import io.siteassist.contract.conversation.ConversationClosedEvent;
import io.siteassist.contract.conversation.ConversationHandedOverEvent;
import io.siteassist.contract.conversation.ConversationReleasedEvent;
import io.siteassist.contract.conversation.ConversationStartedEvent;
import io.siteassist.contract.conversation.Feedback;
import io.siteassist.contract.conversation.HumanAgent;
import io.siteassist.contract.conversation.MessageFeedbackGivenEvent;
import io.siteassist.contract.conversation.VisitorMessagePostedEvent;
import java.util.UUID;

/** One conversation of one visitor, and the people and events the tests talk about. */
final class ConversationTestData {

  static final String PROJECT = "project-acme";
  static final String OTHER_PROJECT = "project-globex";

  static final UUID CONVERSATION = UUID.fromString("c0000000-0000-0000-0000-000000000001");
  static final UUID VISITOR = UUID.fromString("a0000000-0000-0000-0000-000000000001");
  static final UUID OTHER_VISITOR = UUID.fromString("a0000000-0000-0000-0000-000000000002");

  static final UUID FIRST_MESSAGE = UUID.fromString("e0000000-0000-0000-0000-000000000001");
  static final UUID SECOND_MESSAGE = UUID.fromString("e0000000-0000-0000-0000-000000000002");
  static final UUID UNKNOWN_MESSAGE = UUID.fromString("e0000000-0000-0000-0000-0000000000ff");

  static final String START_PAGE = "https://acme.example/pricing";

  /** The visitor who started the conversation. */
  static final Requester OWNER = Requester.visitor(PROJECT, VISITOR);

  /** The project's own back end (secret key): may act on every conversation of the project. */
  static final Requester BACK_END = Requester.projectBackend(PROJECT);

  static final Requester OTHER_VISITOR_OF_THE_PROJECT = Requester.visitor(PROJECT, OTHER_VISITOR);
  static final Requester SAME_VISITOR_ID_IN_OTHER_PROJECT =
      Requester.visitor(OTHER_PROJECT, VISITOR);
  static final Requester OTHER_PROJECT_BACK_END = Requester.projectBackend(OTHER_PROJECT);

  static final HumanAgent ALICE = new HumanAgent("Alice", "https://acme.example/alice.png");
  static final HumanAgent BOB = new HumanAgent("Bob", null);

  private ConversationTestData() {}

  static ConversationStartedEvent started() {
    return new ConversationStartedEvent(CONVERSATION, PROJECT, VISITOR, START_PAGE);
  }

  static VisitorMessagePostedEvent visitorMessagePosted(UUID messageId) {
    return new VisitorMessagePostedEvent(
        CONVERSATION, messageId, "Hello?", START_PAGE, "Pricing", "Plans and prices");
  }

  static AgentMessagePostedEvent agentMessagePosted(UUID messageId, HumanAgent agent) {
    return new AgentMessagePostedEvent(CONVERSATION, messageId, "Hi, how can I help?", agent);
  }

  static MessageFeedbackGivenEvent feedbackGiven(UUID messageId, Feedback feedback) {
    return new MessageFeedbackGivenEvent(CONVERSATION, messageId, feedback);
  }

  static ConversationHandedOverEvent handedOverTo(HumanAgent agent) {
    return new ConversationHandedOverEvent(CONVERSATION, agent);
  }

  static ConversationReleasedEvent released() {
    return new ConversationReleasedEvent(CONVERSATION);
  }

  static ConversationClosedEvent closed() {
    return new ConversationClosedEvent(CONVERSATION, "resolved");
  }
}
