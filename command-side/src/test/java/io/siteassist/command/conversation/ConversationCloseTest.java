package io.siteassist.command.conversation;

import static io.siteassist.command.conversation.ConversationTestData.CONVERSATION;
import static io.siteassist.command.conversation.ConversationTestData.OWNER;
import static io.siteassist.command.conversation.ConversationTestData.closed;
import static io.siteassist.command.conversation.ConversationTestData.started;

import io.siteassist.contract.conversation.CloseConversationCommand;
import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.ConversationClosedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationCloseTest {

  private FixtureConfiguration<Conversation> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Conversation.class);
  }

  @Test
  void closing_an_open_conversation_emits_conversation_closed_with_the_reason() {
    fixture
        .given(started())
        .when(new CloseConversationCommand(CONVERSATION, OWNER, "got my answer"))
        .expectEvents(new ConversationClosedEvent(CONVERSATION, "got my answer"))
        .expectResultMessagePayload(new CommandOutcome(1));
  }

  @Test
  void closing_without_a_reason_emits_conversation_closed_without_reason() {
    fixture
        .given(started())
        .when(new CloseConversationCommand(CONVERSATION, OWNER, null))
        .expectEvents(new ConversationClosedEvent(CONVERSATION, null));
  }

  @Test
  void closing_an_already_closed_conversation_emits_nothing_and_succeeds() {
    fixture
        .given(started(), closed())
        .when(new CloseConversationCommand(CONVERSATION, OWNER, "closing again"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents()
        .expectResultMessagePayload(new CommandOutcome(1));
  }
}
