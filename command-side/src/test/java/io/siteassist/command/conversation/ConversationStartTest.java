package io.siteassist.command.conversation;

import static io.siteassist.command.conversation.ConversationTestData.CONVERSATION;
import static io.siteassist.command.conversation.ConversationTestData.PROJECT;
import static io.siteassist.command.conversation.ConversationTestData.START_PAGE;
import static io.siteassist.command.conversation.ConversationTestData.VISITOR;

import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.ConversationStartedEvent;
import io.siteassist.contract.conversation.StartConversationCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationStartTest {

  private FixtureConfiguration<Conversation> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Conversation.class);
  }

  @Test
  void starting_a_conversation_emits_conversation_started_and_returns_version_zero() {
    fixture
        .givenNoPriorActivity()
        .when(new StartConversationCommand(CONVERSATION, PROJECT, VISITOR, START_PAGE))
        .expectSuccessfulHandlerExecution()
        .expectEvents(new ConversationStartedEvent(CONVERSATION, PROJECT, VISITOR, START_PAGE))
        .expectResultMessagePayload(new CommandOutcome(0));
  }

  @Test
  void a_conversation_started_outside_any_page_records_no_page_url() {
    fixture
        .givenNoPriorActivity()
        .when(new StartConversationCommand(CONVERSATION, PROJECT, VISITOR, null))
        .expectEvents(new ConversationStartedEvent(CONVERSATION, PROJECT, VISITOR, null))
        .expectResultMessagePayload(new CommandOutcome(0));
  }
}
