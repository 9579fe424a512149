package io.siteassist.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteassist.contract.Requester;
import io.siteassist.contract.conversation.AgentMessagePostedEvent;
import io.siteassist.contract.conversation.ConversationClosedEvent;
import io.siteassist.contract.conversation.ConversationFilter;
import io.siteassist.contract.conversation.ConversationHandedOverEvent;
import io.siteassist.contract.conversation.ConversationOrder;
import io.siteassist.contract.conversation.ConversationReleasedEvent;
import io.siteassist.contract.conversation.ConversationStartedEvent;
import io.siteassist.contract.conversation.ConversationStatus;
import io.siteassist.contract.conversation.ConversationSummary;
import io.siteassist.contract.conversation.ConversationVersionQuery;
import io.siteassist.contract.conversation.ConversationView;
import io.siteassist.contract.conversation.Feedback;
import io.siteassist.contract.conversation.FindConversationQuery;
import io.siteassist.contract.conversation.HumanAgent;
import io.siteassist.contract.conversation.ListConversationsQuery;
import io.siteassist.contract.conversation.MessageFeedbackClearedEvent;
import io.siteassist.contract.conversation.MessageFeedbackGivenEvent;
import io.siteassist.contract.conversation.MessageRole;
import io.siteassist.contract.conversation.MessageStatus;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.contract.conversation.SortDirection;
import io.siteassist.contract.conversation.VisitorMessagePostedEvent;
import io.siteassist.query.support.TestDatabase;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the conversation events shape the conversation and message read models. */
class ConversationProjectionTest {

  private static final String PROJECT = "p1";
  private static final Instant T0 = Instant.parse("2024-01-15T10:30:00Z");
  private static final HumanAgent ALICE = new HumanAgent("Alice", "https://img.example/alice.png");
  private static final HumanAgent BOB = new HumanAgent("Bob", null);

  private final UUID conversationId = UUID.randomUUID();
  private final UUID visitorId = UUID.randomUUID();
  private final UUID firstMessageId = UUID.randomUUID();
  private final UUID secondMessageId = UUID.randomUUID();
  private final Requester visitor = Requester.visitor(PROJECT, visitorId);

  private TestDatabase db;
  private ConversationProjection projection;
  private ConversationQueries queries;

  @BeforeEach
  void setUp() {
    db = TestDatabase.migrated();
    projection = new ConversationProjection(db.named(), SimpleQueryUpdateEmitter.builder().build());
    queries = new ConversationQueries(db.named());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void started_conversation_is_found_open_with_the_event_time_and_no_messages() {
    start();

    ConversationView view = find();

    assertThat(view.messages()).isEmpty();
    assertThat(view.conversation())
        .isEqualTo(
            new ConversationSummary(
                conversationId,
                PROJECT,
                visitorId,
                T0,
                T0,
                ConversationStatus.OPEN,
                null,
                null,
                T0,
                false,
                null,
                null,
                null));
  }

  @Test
  void visitor_and_agent_messages_are_stored_oldest_first_with_role_status_page_and_agent() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(60));
    postAgentMessage(secondMessageId, 2L, T0.plusSeconds(120));

    ConversationView view = find();

    assertThat(view.messages())
        .containsExactly(
            new MessageView(
                firstMessageId,
                conversationId,
                T0.plusSeconds(60),
                MessageRole.USER,
                "Hello?",
                MessageStatus.COMPLETE,
                null,
                null,
                null,
                null,
                "https://x/pricing",
                "Pricing"),
            new MessageView(
                secondMessageId,
                conversationId,
                T0.plusSeconds(120),
                MessageRole.HUMAN_AGENT,
                "Hi, how can I help?",
                MessageStatus.COMPLETE,
                null,
                null,
                null,
                ALICE,
                null,
                null));
  }

  @Test
  void messages_are_ordered_by_sequence_number_not_by_arrival() {
    start();
    postAgentMessage(secondMessageId, 2L, T0.plusSeconds(120));
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(60));

    assertThat(find().messages())
        .extracting(MessageView::id)
        .containsExactly(firstMessageId, secondMessageId);
  }

  @Test
  void a_message_moves_last_interaction_and_update_time_to_its_own_time() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(60));

    ConversationSummary afterFirst = find().conversation();
    assertThat(afterFirst.createdAt()).isEqualTo(T0);
    assertThat(afterFirst.lastInteractionAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(afterFirst.updatedAt()).isEqualTo(T0.plusSeconds(60));

    postAgentMessage(secondMessageId, 2L, T0.plusSeconds(120));

    ConversationSummary afterSecond = find().conversation();
    assertThat(afterSecond.createdAt()).isEqualTo(T0);
    assertThat(afterSecond.lastInteractionAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(afterSecond.updatedAt()).isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void the_newest_message_is_the_last_message_in_the_conversation_and_in_the_list() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(60));
    postAgentMessage(secondMessageId, 2L, T0.plusSeconds(120));

    ConversationView view = find();
    assertThat(view.conversation().lastMessage()).isEqualTo(view.messages().get(1));
    assertThat(view.conversation().lastMessage().id()).isEqualTo(secondMessageId);

    ConversationSummary listed =
        queries
            .handle(
                new ListConversationsQuery(
                    visitor,
                    ConversationFilter.ANY,
                    ConversationOrder.CREATED_AT,
                    SortDirection.DESC,
                    10,
                    0))
            .data()
            .get(0);
    assertThat(listed).isEqualTo(view.conversation());
  }

  @Test
  void an_event_handled_twice_changes_nothing() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(60));
    giveFeedback(firstMessageId, Feedback.LIKE, 2L, T0.plusSeconds(70));
    ConversationView before = find();

    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(60));
    giveFeedback(firstMessageId, Feedback.LIKE, 2L, T0.plusSeconds(70));

    assertThat(find()).isEqualTo(before);
    assertThat(find().messages()).hasSize(1);
    assertThat(db.count("conversation_view")).isEqualTo(1);
    assertThat(db.count("message_view")).isEqualTo(1);
    assertThat(version()).isEqualTo(2L);
  }

  @Test
  void an_event_handled_twice_with_another_timestamp_does_not_overwrite_the_first_handling() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(60));
    ConversationView before = find();

    projection.on(
        new ConversationStartedEvent(conversationId, PROJECT, visitorId, "https://other"),
        0L,
        T0.plusSeconds(500));
    projection.on(
        new VisitorMessagePostedEvent(
            conversationId, firstMessageId, "Changed", "https://y", "Other", null),
        1L,
        T0.plusSeconds(500));

    assertThat(find()).isEqualTo(before);
  }

  @Test
  void replaying_the_whole_history_after_the_newest_event_leaves_the_read_model_as_it_was() {
    Runnable[] history = {
      () -> start(),
      () -> postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10)),
      () -> postAgentMessage(secondMessageId, 2L, T0.plusSeconds(20)),
      () -> giveFeedback(secondMessageId, Feedback.LIKE, 3L, T0.plusSeconds(30)),
      () -> giveFeedback(secondMessageId, Feedback.DISLIKE, 4L, T0.plusSeconds(40)),
      () -> handOver(ALICE, 5L, T0.plusSeconds(50)),
      () -> release(6L, T0.plusSeconds(60)),
      () -> close("done", 7L, T0.plusSeconds(70))
    };
    for (Runnable event : history) {
      event.run();
    }
    ConversationView before = find();

    for (Runnable event : history) {
      event.run();
    }

    assertThat(find()).isEqualTo(before);
    assertThat(version()).isEqualTo(7L);
  }

  @Test
  void an_older_feedback_reapplied_after_a_newer_one_does_not_bring_it_back() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    giveFeedback(firstMessageId, Feedback.LIKE, 2L, T0.plusSeconds(20));
    clearFeedback(firstMessageId, 3L, T0.plusSeconds(30));

    giveFeedback(firstMessageId, Feedback.LIKE, 2L, T0.plusSeconds(20));

    MessageView message = find().messages().get(0);
    assertThat(message.feedback()).isNull();
    assertThat(message.feedbackAt()).isNull();
  }

  @Test
  void an_older_feedback_reapplied_after_a_newer_event_of_the_conversation_changes_nothing() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    giveFeedback(firstMessageId, Feedback.DISLIKE, 2L, T0.plusSeconds(20));
    postAgentMessage(secondMessageId, 3L, T0.plusSeconds(30));
    giveFeedback(firstMessageId, Feedback.LIKE, 4L, T0.plusSeconds(40));

    giveFeedback(firstMessageId, Feedback.DISLIKE, 2L, T0.plusSeconds(20));

    MessageView message = find().messages().get(0);
    assertThat(message.feedback()).isEqualTo(Feedback.LIKE);
    assertThat(message.feedbackAt()).isEqualTo(T0.plusSeconds(40));
    assertThat(version()).isEqualTo(4L);
  }

  @Test
  void an_older_handover_reapplied_after_a_release_does_not_hand_the_conversation_over_again() {
    start();
    handOver(ALICE, 1L, T0.plusSeconds(10));
    release(2L, T0.plusSeconds(20));

    handOver(ALICE, 1L, T0.plusSeconds(10));

    ConversationSummary conversation = find().conversation();
    assertThat(conversation.humanHandled()).isFalse();
    assertThat(conversation.humanAgent()).isNull();
    assertThat(conversation.updatedAt()).isEqualTo(T0.plusSeconds(20));
  }

  @Test
  void older_events_reapplied_after_the_close_do_not_regress_status_or_times() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    handOver(ALICE, 2L, T0.plusSeconds(20));
    close("resolved", 3L, T0.plusSeconds(30));
    ConversationView before = find();

    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    handOver(ALICE, 2L, T0.plusSeconds(20));

    ConversationView after = find();
    assertThat(after).isEqualTo(before);
    assertThat(after.conversation().status()).isEqualTo(ConversationStatus.CLOSED);
    assertThat(after.conversation().updatedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(after.conversation().lastInteractionAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void given_feedback_is_shown_with_the_event_time() {
    start();
    postAgentMessage(firstMessageId, 1L, T0.plusSeconds(10));

    giveFeedback(firstMessageId, Feedback.LIKE, 2L, T0.plusSeconds(30));

    MessageView message = find().messages().get(0);
    assertThat(message.feedback()).isEqualTo(Feedback.LIKE);
    assertThat(message.feedbackAt()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void changed_feedback_replaces_the_verdict_and_its_time() {
    start();
    postAgentMessage(firstMessageId, 1L, T0.plusSeconds(10));
    giveFeedback(firstMessageId, Feedback.LIKE, 2L, T0.plusSeconds(30));

    giveFeedback(firstMessageId, Feedback.DISLIKE, 3L, T0.plusSeconds(45));

    MessageView message = find().messages().get(0);
    assertThat(message.feedback()).isEqualTo(Feedback.DISLIKE);
    assertThat(message.feedbackAt()).isEqualTo(T0.plusSeconds(45));
  }

  @Test
  void cleared_feedback_removes_the_verdict_and_its_time() {
    start();
    postAgentMessage(firstMessageId, 1L, T0.plusSeconds(10));
    giveFeedback(firstMessageId, Feedback.LIKE, 2L, T0.plusSeconds(30));

    clearFeedback(firstMessageId, 3L, T0.plusSeconds(45));

    MessageView message = find().messages().get(0);
    assertThat(message.feedback()).isNull();
    assertThat(message.feedbackAt()).isNull();
  }

  @Test
  void feedback_touches_only_its_own_message_and_is_not_an_interaction() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    postAgentMessage(secondMessageId, 2L, T0.plusSeconds(20));

    giveFeedback(secondMessageId, Feedback.LIKE, 3L, T0.plusSeconds(30));

    ConversationView view = find();
    assertThat(view.messages().get(0).feedback()).isNull();
    assertThat(view.messages().get(1).feedback()).isEqualTo(Feedback.LIKE);
    assertThat(view.conversation().lastInteractionAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(view.conversation().lastMessage().feedback()).isEqualTo(Feedback.LIKE);
    assertThat(version()).isEqualTo(3L);
  }

  @Test
  void handover_marks_the_conversation_human_handled_by_the_agent() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));

    handOver(ALICE, 2L, T0.plusSeconds(20));

    ConversationSummary conversation = find().conversation();
    assertThat(conversation.humanHandled()).isTrue();
    assertThat(conversation.humanAgent()).isEqualTo(ALICE);
    assertThat(conversation.updatedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(conversation.lastInteractionAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(conversation.status()).isEqualTo(ConversationStatus.OPEN);
  }

  @Test
  void a_second_handover_replaces_the_agent() {
    start();
    handOver(ALICE, 1L, T0.plusSeconds(10));

    handOver(BOB, 2L, T0.plusSeconds(20));

    assertThat(find().conversation().humanAgent()).isEqualTo(BOB);
  }

  @Test
  void release_gives_the_conversation_back_to_the_assistant() {
    start();
    handOver(ALICE, 1L, T0.plusSeconds(10));

    release(2L, T0.plusSeconds(20));

    ConversationSummary conversation = find().conversation();
    assertThat(conversation.humanHandled()).isFalse();
    assertThat(conversation.humanAgent()).isNull();
    assertThat(conversation.updatedAt()).isEqualTo(T0.plusSeconds(20));
  }

  @Test
  void close_sets_status_closed_with_the_close_time_and_reason() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));

    close("resolved", 2L, T0.plusSeconds(30));

    ConversationSummary conversation = find().conversation();
    assertThat(conversation.status()).isEqualTo(ConversationStatus.CLOSED);
    assertThat(conversation.closedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(conversation.closeReason()).isEqualTo("resolved");
    assertThat(conversation.updatedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(conversation.lastInteractionAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void close_without_a_reason_leaves_the_reason_empty() {
    start();

    close(null, 1L, T0.plusSeconds(30));

    ConversationSummary conversation = find().conversation();
    assertThat(conversation.status()).isEqualTo(ConversationStatus.CLOSED);
    assertThat(conversation.closedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(conversation.closeReason()).isNull();
  }

  @Test
  void version_is_minus_one_for_an_unknown_conversation() {
    assertThat(queries.handle(new ConversationVersionQuery(UUID.randomUUID()))).isEqualTo(-1L);
  }

  @Test
  void version_is_the_sequence_number_of_the_last_applied_event() {
    start();
    assertThat(version()).isEqualTo(0L);

    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    assertThat(version()).isEqualTo(1L);

    giveFeedback(firstMessageId, Feedback.LIKE, 2L, T0.plusSeconds(20));
    assertThat(version()).isEqualTo(2L);

    clearFeedback(firstMessageId, 3L, T0.plusSeconds(30));
    assertThat(version()).isEqualTo(3L);

    handOver(ALICE, 4L, T0.plusSeconds(40));
    assertThat(version()).isEqualTo(4L);

    postAgentMessage(secondMessageId, 5L, T0.plusSeconds(50));
    assertThat(version()).isEqualTo(5L);

    release(6L, T0.plusSeconds(60));
    assertThat(version()).isEqualTo(6L);

    close("done", 7L, T0.plusSeconds(70));
    assertThat(version()).isEqualTo(7L);

    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    assertThat(version()).isEqualTo(7L);
  }

  @Test
  void reset_empties_the_tables() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    postAgentMessage(secondMessageId, 2L, T0.plusSeconds(20));

    projection.reset();

    assertThat(db.count("conversation_view")).isZero();
    assertThat(db.count("message_view")).isZero();
    assertThat(version()).isEqualTo(-1L);
    assertThatThrownBy(this::find).isInstanceOf(QueryExecutionException.class);
  }

  @Test
  void events_applied_again_after_a_reset_rebuild_the_same_read_model() {
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    giveFeedback(firstMessageId, Feedback.DISLIKE, 2L, T0.plusSeconds(20));
    ConversationView before = find();

    projection.reset();
    start();
    postVisitorMessage(firstMessageId, 1L, T0.plusSeconds(10));
    giveFeedback(firstMessageId, Feedback.DISLIKE, 2L, T0.plusSeconds(20));

    assertThat(find()).isEqualTo(before);
  }

  private ConversationView find() {
    return queries.handle(new FindConversationQuery(visitor, conversationId));
  }

  private long version() {
    return queries.handle(new ConversationVersionQuery(conversationId));
  }

  private void start() {
    projection.on(
        new ConversationStartedEvent(conversationId, PROJECT, visitorId, "https://x"), 0L, T0);
  }

  private void postVisitorMessage(UUID messageId, long seq, Instant at) {
    projection.on(
        new VisitorMessagePostedEvent(
            conversationId, messageId, "Hello?", "https://x/pricing", "Pricing", "page text"),
        seq,
        at);
  }

  private void postAgentMessage(UUID messageId, long seq, Instant at) {
    projection.on(
        new AgentMessagePostedEvent(conversationId, messageId, "Hi, how can I help?", ALICE),
        seq,
        at);
  }

  private void giveFeedback(UUID messageId, Feedback feedback, long seq, Instant at) {
    projection.on(new MessageFeedbackGivenEvent(conversationId, messageId, feedback), seq, at);
  }

  private void clearFeedback(UUID messageId, long seq, Instant at) {
    projection.on(new MessageFeedbackClearedEvent(conversationId, messageId), seq, at);
  }

  private void handOver(HumanAgent agent, long seq, Instant at) {
    projection.on(new ConversationHandedOverEvent(conversationId, agent), seq, at);
  }

  private void release(long seq, Instant at) {
    projection.on(new ConversationReleasedEvent(conversationId), seq, at);
  }

  private void close(String reason, long seq, Instant at) {
    projection.on(new ConversationClosedEvent(conversationId, reason), seq, at);
  }
}
