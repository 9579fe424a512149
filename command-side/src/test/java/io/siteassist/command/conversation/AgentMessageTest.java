package io.siteassist.command.conversation;

import static io.siteassist.command.conversation.ConversationTestData.ALICE;
import static io.siteassist.command.conversation.ConversationTestData.BACK_END;
import static io.siteassist.command.conversation.ConversationTestData.BOB;
import static io.siteassist.command.conversation.ConversationTestData.CONVERSATION;
import static io.siteassist.command.conversation.ConversationTestData.FIRST_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.SECOND_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.closed;
import static io.siteassist.command.conversation.ConversationTestData.handedOverTo;
import static io.siteassist.command.conversation.ConversationTestData.started;
import static io.siteassist.command.conversation.ConversationTestData.visitorMessagePosted;
import static io.siteassist.command.conversation.RuleViolationMatchers.conflictOn;

import io.siteassist.contract.conversation.AgentMessagePostedEvent;
import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.PostAgentMessageCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentMessageTest {

  private FixtureConfiguration<Conversation> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Conversation.class);
  }

  @Test
  void an_agent_message_is_signed_by_the_agent_named_in_the_command() {
    fixture
        .given(started())
        .when(new PostAgentMessageCommand(CONVERSATION, BACK_END, FIRST_MESSAGE, "Hi there", ALICE))
        .expectEvents(new AgentMessagePostedEvent(CONVERSATION, FIRST_MESSAGE, "Hi there", ALICE))
        .expectResultMessagePayload(new CommandOutcome(1));
  }

  @Test
  void an_agent_message_without_agent_is_signed_by_the_agent_handling_the_conversation() {
    fixture
        .given(started(), handedOverTo(ALICE))
        .when(new PostAgentMessageCommand(CONVERSATION, BACK_END, FIRST_MESSAGE, "Hi there", null))
        .expectEvents(new AgentMessagePostedEvent(CONVERSATION, FIRST_MESSAGE, "Hi there", ALICE));
  }

  @Test
  void the_agent_named_in_the_command_signs_even_when_another_agent_handles_the_conversation() {
    fixture
        .given(started(), handedOverTo(ALICE))
        .when(new PostAgentMessageCommand(CONVERSATION, BACK_END, FIRST_MESSAGE, "Hi there", BOB))
        .expectEvents(new AgentMessagePostedEvent(CONVERSATION, FIRST_MESSAGE, "Hi there", BOB));
  }

  @Test
  void an_agent_message_in_a_closed_conversation_is_refused_as_a_conflict_on_status() {
    fixture
        .given(started(), handedOverTo(ALICE), closed())
        .when(new PostAgentMessageCommand(CONVERSATION, BACK_END, SECOND_MESSAGE, "Hello?", null))
        .expectException(conflictOn("status"))
        .expectNoEvents();
  }

  @Test
  void an_agent_message_reusing_a_message_id_is_refused_as_a_conflict_on_message_id() {
    fixture
        .given(started(), visitorMessagePosted(FIRST_MESSAGE))
        .when(new PostAgentMessageCommand(CONVERSATION, BACK_END, FIRST_MESSAGE, "Hi", ALICE))
        .expectException(conflictOn("messageId"))
        .expectNoEvents();
  }
}
