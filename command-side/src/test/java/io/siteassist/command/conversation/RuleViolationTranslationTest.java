package io.siteassist.command.conversation;

import static io.siteassist.command.conversation.ConversationTestData.CONVERSATION;
import static io.siteassist.command.conversation.ConversationTestData.FIRST_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.OTHER_VISITOR_OF_THE_PROJECT;
import static io.siteassist.command.conversation.ConversationTestData.OWNER;
import static io.siteassist.command.conversation.ConversationTestData.UNKNOWN_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.closed;
import static io.siteassist.command.conversation.ConversationTestData.started;

import io.siteassist.command.rules.RuleViolationTranslator;
import io.siteassist.contract.conversation.CloseConversationCommand;
import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.ConversationClosedEvent;
import io.siteassist.contract.conversation.Feedback;
import io.siteassist.contract.conversation.GiveMessageFeedbackCommand;
import io.siteassist.contract.conversation.PostVisitorMessageCommand;
import io.siteassist.contract.error.ErrorCode;
import io.siteassist.contract.error.ErrorDetails;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the translator in place, a refusal reaches the caller as a {@link CommandExecutionException}
 * whose details are the {@link ErrorDetails}: the only part that survives a trip through Axon
 * Server.
 */
class RuleViolationTranslationTest {

  private FixtureConfiguration<Conversation> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Conversation.class);
    fixture.registerCommandHandlerInterceptor(new RuleViolationTranslator());
  }

  @Test
  void a_conflict_reaches_the_caller_with_its_code_message_and_details() {
    fixture
        .given(started(), closed())
        .when(new PostVisitorMessageCommand(CONVERSATION, OWNER, FIRST_MESSAGE, "Hi", null))
        .expectException(CommandExecutionException.class)
        .expectExceptionMessage("The conversation is closed.")
        .expectExceptionDetails(
            new ErrorDetails(
                ErrorCode.CONFLICT,
                "The conversation is closed.",
                Map.of("resource", "conversation", "conflictingField", "status")))
        .expectNoEvents();
  }

  @Test
  void a_forbidden_requester_reaches_the_caller_as_forbidden_without_details() {
    fixture
        .given(started())
        .when(new CloseConversationCommand(CONVERSATION, OTHER_VISITOR_OF_THE_PROJECT, "spam"))
        .expectException(CommandExecutionException.class)
        .expectExceptionDetails(
            new ErrorDetails(
                ErrorCode.FORBIDDEN, "You do not have access to this conversation.", Map.of()))
        .expectNoEvents();
  }

  @Test
  void an_unknown_message_reaches_the_caller_as_message_not_found_naming_the_message() {
    fixture
        .given(started())
        .when(new GiveMessageFeedbackCommand(CONVERSATION, OWNER, UNKNOWN_MESSAGE, Feedback.LIKE))
        .expectException(CommandExecutionException.class)
        .expectExceptionDetails(
            new ErrorDetails(
                ErrorCode.MESSAGE_NOT_FOUND,
                "Message not found.",
                Map.of("messageId", UNKNOWN_MESSAGE.toString())));
  }

  @Test
  void an_accepted_command_passes_the_translator_unchanged() {
    fixture
        .given(started())
        .when(new CloseConversationCommand(CONVERSATION, OWNER, "done"))
        .expectEvents(new ConversationClosedEvent(CONVERSATION, "done"))
        .expectResultMessagePayload(new CommandOutcome(1));
  }

  @Test
  void a_command_on_an_unknown_conversation_reaches_the_caller_as_conversation_not_found() {
    fixture
        .givenNoPriorActivity()
        .when(new CloseConversationCommand(CONVERSATION, OWNER, "done"))
        .expectException(CommandExecutionException.class)
        .expectExceptionDetails(
            new ErrorDetails(
                ErrorCode.CONVERSATION_NOT_FOUND,
                "Conversation not found.",
                Map.of("conversationId", CONVERSATION.toString())))
        .expectNoEvents();
  }
}
