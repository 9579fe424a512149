package io.siteassist.command.conversation;

import static io.siteassist.command.conversation.ConversationTestData.ALICE;
import static io.siteassist.command.conversation.ConversationTestData.CONVERSATION;
import static io.siteassist.command.conversation.ConversationTestData.FIRST_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.OWNER;
import static io.siteassist.command.conversation.ConversationTestData.SECOND_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.agentMessagePosted;
import static io.siteassist.command.conversation.ConversationTestData.closed;
import static io.siteassist.command.conversation.ConversationTestData.feedbackGiven;
import static io.siteassist.command.conversation.ConversationTestData.started;
import static io.siteassist.command.conversation.ConversationTestData.visitorMessagePosted;
import static io.siteassist.command.conversation.RuleViolationMatchers.conflictOn;

import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.Feedback;
import io.siteassist.contract.conversation.PageContext;
import io.siteassist.contract.conversation.PostVisitorMessageCommand;
import io.siteassist.contract.conversation.VisitorMessagePostedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VisitorMessageTest {

  private static final PageContext DOCS_PAGE =
      new PageContext("https://acme.example/docs", "Docs", "How to install");

  private FixtureConfiguration<Conversation> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Conversation.class);
  }

  @Test
  void a_visitor_message_in_an_open_conversation_is_posted_with_its_page_context() {
    fixture
        .given(started())
        .when(
            new PostVisitorMessageCommand(
                CONVERSATION, OWNER, FIRST_MESSAGE, "How do I install it?", DOCS_PAGE))
        .expectEvents(
            new VisitorMessagePostedEvent(
                CONVERSATION,
                FIRST_MESSAGE,
                "How do I install it?",
                "https://acme.example/docs",
                "Docs",
                "How to install"))
        .expectResultMessagePayload(new CommandOutcome(1));
  }

  @Test
  void a_visitor_message_without_page_context_is_posted_without_page_fields() {
    fixture
        .given(started())
        .when(new PostVisitorMessageCommand(CONVERSATION, OWNER, FIRST_MESSAGE, "Hi", null))
        .expectEvents(
            new VisitorMessagePostedEvent(CONVERSATION, FIRST_MESSAGE, "Hi", null, null, null));
  }

  @Test
  void posting_returns_the_sequence_number_of_the_new_message_event() {
    fixture
        .given(
            started(),
            visitorMessagePosted(FIRST_MESSAGE),
            feedbackGiven(FIRST_MESSAGE, Feedback.LIKE))
        .when(new PostVisitorMessageCommand(CONVERSATION, OWNER, SECOND_MESSAGE, "And?", null))
        .expectResultMessagePayload(new CommandOutcome(3));
  }

  @Test
  void posting_in_a_closed_conversation_is_refused_as_a_conflict_on_status() {
    fixture
        .given(started(), closed())
        .when(new PostVisitorMessageCommand(CONVERSATION, OWNER, FIRST_MESSAGE, "Hello?", null))
        .expectException(conflictOn("status"))
        .expectNoEvents();
  }

  @Test
  void reusing_a_message_id_is_refused_as_a_conflict_on_message_id() {
    fixture
        .given(started(), visitorMessagePosted(FIRST_MESSAGE))
        .when(new PostVisitorMessageCommand(CONVERSATION, OWNER, FIRST_MESSAGE, "Again", null))
        .expectException(conflictOn("messageId"))
        .expectNoEvents();
  }

  @Test
  void reusing_the_id_of_an_agent_message_is_refused_as_a_conflict_on_message_id() {
    fixture
        .given(started(), agentMessagePosted(FIRST_MESSAGE, ALICE))
        .when(new PostVisitorMessageCommand(CONVERSATION, OWNER, FIRST_MESSAGE, "Hi", null))
        .expectException(conflictOn("messageId"))
        .expectNoEvents();
  }
}
