package io.siteassist.command.conversation;

import static io.siteassist.command.conversation.ConversationTestData.ALICE;
import static io.siteassist.command.conversation.ConversationTestData.BACK_END;
import static io.siteassist.command.conversation.ConversationTestData.BOB;
import static io.siteassist.command.conversation.ConversationTestData.CONVERSATION;
import static io.siteassist.command.conversation.ConversationTestData.OWNER;
import static io.siteassist.command.conversation.ConversationTestData.closed;
import static io.siteassist.command.conversation.ConversationTestData.handedOverTo;
import static io.siteassist.command.conversation.ConversationTestData.released;
import static io.siteassist.command.conversation.ConversationTestData.started;
import static io.siteassist.command.conversation.RuleViolationMatchers.conflictOn;
import static io.siteassist.command.conversation.RuleViolationMatchers.forbidden;
import static io.siteassist.command.conversation.RuleViolationMatchers.ruleViolation;

import io.siteassist.contract.conversation.CommandOutcome;
import io.siteassist.contract.conversation.ConversationHandedOverEvent;
import io.siteassist.contract.conversation.ConversationReleasedEvent;
import io.siteassist.contract.conversation.HandOverConversationCommand;
import io.siteassist.contract.conversation.PostAgentMessageCommand;
import io.siteassist.contract.conversation.ReleaseConversationCommand;
import io.siteassist.contract.error.ErrorCode;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HandoverTest {

  private FixtureConfiguration<Conversation> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Conversation.class);
  }

  @Test
  void handing_over_an_open_conversation_emits_handed_over_with_the_agent() {
    fixture
        .given(started())
        .when(new HandOverConversationCommand(CONVERSATION, BACK_END, ALICE))
        .expectEvents(new ConversationHandedOverEvent(CONVERSATION, ALICE))
        .expectResultMessagePayload(new CommandOutcome(1));
  }

  @Test
  void handing_over_a_conversation_already_handled_by_a_human_is_refused_as_a_conflict() {
    fixture
        .given(started(), handedOverTo(ALICE))
        .when(new HandOverConversationCommand(CONVERSATION, BACK_END, BOB))
        .expectException(conflictOn("isHumanHandled"))
        .expectNoEvents();
  }

  @Test
  void handing_over_a_closed_conversation_is_refused_as_a_conflict_on_status() {
    fixture
        .given(started(), closed())
        .when(new HandOverConversationCommand(CONVERSATION, BACK_END, ALICE))
        .expectException(conflictOn("status"))
        .expectNoEvents();
  }

  @Test
  void releasing_a_handed_over_conversation_emits_released() {
    fixture
        .given(started(), handedOverTo(ALICE))
        .when(new ReleaseConversationCommand(CONVERSATION, BACK_END))
        .expectEvents(new ConversationReleasedEvent(CONVERSATION))
        .expectResultMessagePayload(new CommandOutcome(2));
  }

  @Test
  void releasing_a_conversation_not_handled_by_a_human_is_refused_as_a_conflict() {
    fixture
        .given(started())
        .when(new ReleaseConversationCommand(CONVERSATION, BACK_END))
        .expectException(conflictOn("isHumanHandled"))
        .expectNoEvents();
  }

  @Test
  void releasing_a_closed_conversation_is_refused_as_a_conflict_on_status() {
    fixture
        .given(started(), handedOverTo(ALICE), closed())
        .when(new ReleaseConversationCommand(CONVERSATION, BACK_END))
        .expectException(conflictOn("status"))
        .expectNoEvents();
  }

  @Test
  void a_released_conversation_can_be_handed_over_again() {
    fixture
        .given(started(), handedOverTo(ALICE), released())
        .when(new HandOverConversationCommand(CONVERSATION, BACK_END, BOB))
        .expectEvents(new ConversationHandedOverEvent(CONVERSATION, BOB));
  }

  @Test
  void a_handover_without_an_agent_is_refused_as_invalid() {
    fixture
        .given(started())
        .when(new HandOverConversationCommand(CONVERSATION, BACK_END, null))
        .expectException(
            ruleViolation(
                ErrorCode.VALIDATION_ERROR, Map.of("field", "humanAgent", "reason", "is required")))
        .expectNoEvents();
  }

  @Test
  void the_visitor_who_owns_the_conversation_cannot_act_as_an_operator() {
    fixture
        .given(started())
        .when(new HandOverConversationCommand(CONVERSATION, OWNER, ALICE))
        .expectException(forbidden())
        .expectNoEvents();
    fixture
        .given(started(), handedOverTo(ALICE))
        .when(new ReleaseConversationCommand(CONVERSATION, OWNER))
        .expectException(forbidden())
        .expectNoEvents();
    fixture
        .given(started())
        .when(new PostAgentMessageCommand(CONVERSATION, OWNER, UUID.randomUUID(), "hi", ALICE))
        .expectException(forbidden())
        .expectNoEvents();
  }
}
