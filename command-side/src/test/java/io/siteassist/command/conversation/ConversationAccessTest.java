package io.siteassist.command.conversation;

import static io.siteassist.command.conversation.ConversationTestData.ALICE;
import static io.siteassist.command.conversation.ConversationTestData.BACK_END;
import static io.siteassist.command.conversation.ConversationTestData.CONVERSATION;
import static io.siteassist.command.conversation.ConversationTestData.FIRST_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.OTHER_PROJECT_BACK_END;
import static io.siteassist.command.conversation.ConversationTestData.OTHER_VISITOR_OF_THE_PROJECT;
import static io.siteassist.command.conversation.ConversationTestData.SAME_VISITOR_ID_IN_OTHER_PROJECT;
import static io.siteassist.command.conversation.ConversationTestData.SECOND_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.UNKNOWN_MESSAGE;
import static io.siteassist.command.conversation.ConversationTestData.closed;
import static io.siteassist.command.conversation.ConversationTestData.started;
import static io.siteassist.command.conversation.ConversationTestData.visitorMessagePosted;
import static io.siteassist.command.conversation.RuleViolationMatchers.forbidden;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.siteassist.contract.Requester;
import io.siteassist.contract.conversation.CloseConversationCommand;
import io.siteassist.contract.conversation.ConversationClosedEvent;
import io.siteassist.contract.conversation.Feedback;
import io.siteassist.contract.conversation.GiveMessageFeedbackCommand;
import io.siteassist.contract.conversation.HandOverConversationCommand;
import io.siteassist.contract.conversation.MessageFeedbackGivenEvent;
import io.siteassist.contract.conversation.PostAgentMessageCommand;
import io.siteassist.contract.conversation.PostVisitorMessageCommand;
import io.siteassist.contract.conversation.ReleaseConversationCommand;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConversationAccessTest {

  private FixtureConfiguration<Conversation> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Conversation.class);
  }

  static Stream<Arguments> strangersAndCommands() {
    List<Named<Requester>> strangers =
        List.of(
            named("another visitor of the same project", OTHER_VISITOR_OF_THE_PROJECT),
            named("the same visitor id in another project", SAME_VISITOR_ID_IN_OTHER_PROJECT),
            named("the back end of another project", OTHER_PROJECT_BACK_END));
    List<Named<Function<Requester, Object>>> commands =
        List.of(
            named(
                "post a visitor message",
                r -> new PostVisitorMessageCommand(CONVERSATION, r, SECOND_MESSAGE, "Hi", null)),
            named("close it", r -> new CloseConversationCommand(CONVERSATION, r, "spam")),
            named(
                "give feedback",
                r -> new GiveMessageFeedbackCommand(CONVERSATION, r, FIRST_MESSAGE, Feedback.LIKE)),
            named("hand it over", r -> new HandOverConversationCommand(CONVERSATION, r, ALICE)),
            named("release it", r -> new ReleaseConversationCommand(CONVERSATION, r)),
            named(
                "post an agent message",
                r -> new PostAgentMessageCommand(CONVERSATION, r, SECOND_MESSAGE, "Hi", ALICE)));
    return strangers.stream()
        .flatMap(stranger -> commands.stream().map(command -> arguments(stranger, command)));
  }

  @ParameterizedTest(name = "{0} may not {1}")
  @MethodSource("strangersAndCommands")
  void a_requester_outside_the_conversation_is_forbidden_and_changes_nothing(
      Requester stranger, Function<Requester, Object> command) {
    fixture
        .given(started(), visitorMessagePosted(FIRST_MESSAGE))
        .when(command.apply(stranger))
        .expectException(forbidden())
        .expectNoEvents();
  }

  @Test
  void a_stranger_is_told_forbidden_rather_than_that_the_conversation_is_closed() {
    fixture
        .given(started(), closed())
        .when(
            new PostVisitorMessageCommand(
                CONVERSATION, OTHER_VISITOR_OF_THE_PROJECT, FIRST_MESSAGE, "Hi", null))
        .expectException(forbidden())
        .expectNoEvents();
  }

  @Test
  void a_stranger_is_told_forbidden_rather_than_that_the_message_does_not_exist() {
    fixture
        .given(started())
        .when(
            new GiveMessageFeedbackCommand(
                CONVERSATION, OTHER_VISITOR_OF_THE_PROJECT, UNKNOWN_MESSAGE, Feedback.LIKE))
        .expectException(forbidden())
        .expectNoEvents();
  }

  @Test
  void the_project_back_end_may_close_a_visitors_conversation() {
    fixture
        .given(started())
        .when(new CloseConversationCommand(CONVERSATION, BACK_END, "inactive"))
        .expectEvents(new ConversationClosedEvent(CONVERSATION, "inactive"));
  }

  @Test
  void the_project_back_end_may_give_feedback_in_a_visitors_conversation() {
    fixture
        .given(started(), visitorMessagePosted(FIRST_MESSAGE))
        .when(new GiveMessageFeedbackCommand(CONVERSATION, BACK_END, FIRST_MESSAGE, Feedback.LIKE))
        .expectEvents(new MessageFeedbackGivenEvent(CONVERSATION, FIRST_MESSAGE, Feedback.LIKE));
  }
}
