package io.siteassist.command.conversation;

import static io.siteassist.command.conversation.ConversationTestData.ALICE;
import static io.siteassist.command.conversation.ConversationTestData.CONVERSATION;
import static io.siteassist.command.conversation.ConversationTestData.FIRST_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.OWNER;
import static io.siteassist.command.conversation.ConversationTestData.UNKNOWN_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.agentMessagePosted;
import static io.siteassist.command.conversation.ConversationTestData.closed;
import static io.siteassist.command.conversation.ConversationTestData.feedbackGiven;
import static io.siteassist.command.conversation.ConversationTestData.started;
import static io.siteassist.command.conversation.ConversationTestData.visitorMessagePosted;
import static io.siteassist.command.conversation.RuleViolationMatchers.messageNotFound;

import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.Feedback;
import io.siteassist.contract.conversation.GiveMessageFeedbackCommand;
import io.siteassist.contract.conversation.MessageFeedbackClearedEvent;
import io.siteassist.contract.conversation.MessageFeedbackGivenEvent;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageFeedbackTest {

  private FixtureConfiguration<Conversation> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Conversation.class);
  }

  private static GiveMessageFeedbackCommand feedback(UUID messageId, Feedback feedback) {
    return new GiveMessageFeedbackCommand(CONVERSATION, OWNER, messageId, feedback);
  }

  @Test
  void liking_a_message_emits_feedback_given() {
    fixture
        .given(started(), visitorMessagePosted(FIRST_MESSAGE))
        .when(feedback(FIRST_MESSAGE, Feedback.LIKE))
        .expectEvents(new MessageFeedbackGivenEvent(CONVERSATION, FIRST_MESSAGE, Feedback.LIKE))
        .expectResultMessagePayload(new CommandOutcome(2));
  }

  @Test
  void changing_a_like_into_a_dislike_emits_feedback_given() {
    fixture
        .given(
            started(),
            visitorMessagePosted(FIRST_MESSAGE),
            feedbackGiven(FIRST_MESSAGE, Feedback.LIKE))
        .when(feedback(FIRST_MESSAGE, Feedback.DISLIKE))
        .expectEvents(new MessageFeedbackGivenEvent(CONVERSATION, FIRST_MESSAGE, Feedback.DISLIKE));
  }

  @Test
  void giving_the_same_feedback_again_emits_nothing_and_succeeds() {
    fixture
        .given(
            started(),
            visitorMessagePosted(FIRST_MESSAGE),
            feedbackGiven(FIRST_MESSAGE, Feedback.LIKE))
        .when(feedback(FIRST_MESSAGE, Feedback.LIKE))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents()
        .expectResultMessagePayload(new CommandOutcome(2));
  }

  @Test
  void clearing_given_feedback_emits_feedback_cleared() {
    fixture
        .given(
            started(),
            visitorMessagePosted(FIRST_MESSAGE),
            feedbackGiven(FIRST_MESSAGE, Feedback.DISLIKE))
        .when(feedback(FIRST_MESSAGE, null))
        .expectEvents(new MessageFeedbackClearedEvent(CONVERSATION, FIRST_MESSAGE))
        .expectResultMessagePayload(new CommandOutcome(3));
  }

  @Test
  void clearing_feedback_on_a_message_without_feedback_emits_nothing_and_succeeds() {
    fixture
        .given(started(), visitorMessagePosted(FIRST_MESSAGE))
        .when(feedback(FIRST_MESSAGE, null))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void liking_a_message_whose_feedback_was_cleared_emits_feedback_given() {
    fixture
        .given(
            started(),
            visitorMessagePosted(FIRST_MESSAGE),
            feedbackGiven(FIRST_MESSAGE, Feedback.LIKE),
            new MessageFeedbackClearedEvent(CONVERSATION, FIRST_MESSAGE))
        .when(feedback(FIRST_MESSAGE, Feedback.LIKE))
        .expectEvents(new MessageFeedbackGivenEvent(CONVERSATION, FIRST_MESSAGE, Feedback.LIKE));
  }

  @Test
  void feedback_on_an_agent_message_is_accepted() {
    fixture
        .given(started(), agentMessagePosted(FIRST_MESSAGE, ALICE))
        .when(feedback(FIRST_MESSAGE, Feedback.LIKE))
        .expectEvents(new MessageFeedbackGivenEvent(CONVERSATION, FIRST_MESSAGE, Feedback.LIKE));
  }

  @Test
  void feedback_on_an_unknown_message_is_refused_as_message_not_found() {
    fixture
        .given(started(), visitorMessagePosted(FIRST_MESSAGE))
        .when(feedback(UNKNOWN_MESSAGE, Feedback.LIKE))
        .expectException(messageNotFound(UNKNOWN_MESSAGE))
        .expectNoEvents();
  }

  @Test
  void feedback_is_still_accepted_after_the_conversation_is_closed() {
    fixture
        .given(started(), visitorMessagePosted(FIRST_MESSAGE), closed())
        .when(feedback(FIRST_MESSAGE, Feedback.DISLIKE))
        .expectEvents(new MessageFeedbackGivenEvent(CONVERSATION, FIRST_MESSAGE, Feedback.DISLIKE));
  }
}
