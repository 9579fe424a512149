package io.siteassist.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.siteassist.contract.Requester;
import io.siteassist.contract.conversation.AgentMessagePostedEvent;
import io.siteassist.contract.conversation.ConversationStartedEvent;
import io.siteassist.contract.conversation.ConversationView;
import io.siteassist.contract.conversation.FindConversationQuery;
import io.siteassist.contract.conversation.FindMessageQuery;
import io.siteassist.contract.conversation.HumanAgent;
import io.siteassist.contract.conversation.ListMessagesQuery;
import io.siteassist.contract.conversation.MessageRole;
import io.siteassist.contract.conversation.MessageStatus;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.contract.conversation.VisitorMessagePostedEvent;
import io.siteassist.contract.error.ErrorCode;
import io.siteassist.contract.error.ErrorDetails;
import io.siteassist.query.support.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The message queries and the access rules of the single-conversation and message queries. */
class ConversationQueriesTest {

  private static final String PROJECT = "p1";
  private static final String OTHER_PROJECT = "p2";
  private static final Instant T0 = Instant.parse("2024-01-15T10:30:00Z");
  private static final HumanAgent ALICE = new HumanAgent("Alice", "https://img.example/alice.png");

  private final UUID conversationId = UUID.randomUUID();
  private final UUID visitorId = UUID.randomUUID();
  private final Requester owner = Requester.visitor(PROJECT, visitorId);
  private final Requester otherVisitor = Requester.visitor(PROJECT, UUID.randomUUID());
  private final Requester backend = Requester.projectBackend(PROJECT);
  private final Requester otherBackend = Requester.projectBackend(OTHER_PROJECT);
  private final Requester ownerInOtherProject = Requester.visitor(OTHER_PROJECT, visitorId);

  /** USER, HUMAN_AGENT, USER, HUMAN_AGENT, in this order. */
  private final List<UUID> messageIds =
      List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

  private TestDatabase db;
  private ConversationProjection projection;
  private ConversationQueries queries;

  @BeforeEach
  void setUp() {
    db = TestDatabase.migrated();
    projection = new ConversationProjection(db.named(), SimpleQueryUpdateEmitter.builder().build());
    queries = new ConversationQueries(db.named());

    projection.on(
        new ConversationStartedEvent(conversationId, PROJECT, visitorId, "https://x"), 0L, T0);
    for (int i = 0; i < messageIds.size(); i++) {
      long seq = i + 1;
      Instant at = T0.plusSeconds(60L * seq);
      if (i % 2 == 0) {
        projection.on(
            new VisitorMessagePostedEvent(
                conversationId, messageIds.get(i), "question " + seq, "https://x", "X", null),
            seq,
            at);
      } else {
        projection.on(
            new AgentMessagePostedEvent(conversationId, messageIds.get(i), "answer " + seq, ALICE),
            seq,
            at);
      }
    }
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void messages_are_listed_oldest_first_and_a_null_limit_returns_them_all() {
    assertThat(ids(list(null, null, null, 0))).isEqualTo(messageIds);
  }

  @Test
  void messages_are_listed_with_the_same_content_as_in_the_conversation() {
    ConversationView view = queries.handle(new FindConversationQuery(owner, conversationId));

    assertThat(list(null, null, null, 0)).isEqualTo(view.messages());
  }

  @Test
  void messages_can_be_filtered_by_role() {
    assertThat(ids(list(MessageRole.USER, null, null, 0)))
        .containsExactly(messageIds.get(0), messageIds.get(2));
    assertThat(ids(list(MessageRole.HUMAN_AGENT, null, null, 0)))
        .containsExactly(messageIds.get(1), messageIds.get(3));
    assertThat(list(MessageRole.ASSISTANT, null, null, 0)).isEmpty();
  }

  @Test
  void messages_can_be_filtered_by_status() {
    markStreaming(messageIds.get(3));

    assertThat(ids(list(null, MessageStatus.COMPLETE, null, 0)))
        .containsExactly(messageIds.get(0), messageIds.get(1), messageIds.get(2));
    assertThat(ids(list(null, MessageStatus.STREAMING, null, 0)))
        .containsExactly(messageIds.get(3));
    assertThat(list(null, MessageStatus.ERROR, null, 0)).isEmpty();
  }

  @Test
  void messages_can_be_filtered_by_role_and_status_together() {
    markStreaming(messageIds.get(2));

    assertThat(ids(list(MessageRole.USER, MessageStatus.COMPLETE, null, 0)))
        .containsExactly(messageIds.get(0));
  }

  @Test
  void message_limit_and_offset_page_through_oldest_first() {
    assertThat(ids(list(null, null, 2, 0))).containsExactly(messageIds.get(0), messageIds.get(1));
    assertThat(ids(list(null, null, 2, 1))).containsExactly(messageIds.get(1), messageIds.get(2));
    assertThat(ids(list(null, null, 2, 2))).containsExactly(messageIds.get(2), messageIds.get(3));
    assertThat(ids(list(null, null, 2, 4))).isEmpty();
    assertThat(ids(list(null, null, 10, 0))).isEqualTo(messageIds);
  }

  @Test
  void an_offset_without_a_limit_skips_the_oldest_messages_and_returns_the_rest() {
    assertThat(ids(list(null, null, null, 3))).containsExactly(messageIds.get(3));
  }

  @Test
  void limit_and_offset_apply_after_the_role_filter() {
    assertThat(ids(list(MessageRole.HUMAN_AGENT, null, 1, 1))).containsExactly(messageIds.get(3));
  }

  @Test
  void the_project_back_end_may_list_and_find_every_conversation_of_its_project() {
    assertThat(queries.handle(new FindConversationQuery(backend, conversationId)).messages())
        .hasSize(4);
    assertThat(
            queries
                .handle(new ListMessagesQuery(backend, conversationId, null, null, null, 0))
                .data())
        .hasSize(4);
  }

  @Test
  void finding_an_unknown_conversation_is_rejected_as_conversation_not_found() {
    UUID unknown = UUID.randomUUID();

    ErrorDetails details =
        rejection(() -> queries.handle(new FindConversationQuery(owner, unknown)));

    assertThat(details.code()).isEqualTo(ErrorCode.CONVERSATION_NOT_FOUND);
    assertThat(details.details()).isEqualTo(Map.of("conversationId", unknown.toString()));
  }

  @Test
  void finding_the_conversation_of_another_visitor_is_forbidden() {
    assertThat(code(() -> queries.handle(new FindConversationQuery(otherVisitor, conversationId))))
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void finding_the_conversation_of_another_project_is_forbidden() {
    assertThat(code(() -> queries.handle(new FindConversationQuery(otherBackend, conversationId))))
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(
            code(
                () ->
                    queries.handle(new FindConversationQuery(ownerInOtherProject, conversationId))))
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void listing_the_messages_of_an_unknown_conversation_is_rejected_as_conversation_not_found() {
    assertThat(
            code(
                () ->
                    queries.handle(
                        new ListMessagesQuery(owner, UUID.randomUUID(), null, null, null, 0))))
        .isEqualTo(ErrorCode.CONVERSATION_NOT_FOUND);
  }

  @Test
  void listing_the_messages_of_another_visitor_or_project_is_forbidden() {
    for (Requester stranger : List.of(otherVisitor, otherBackend, ownerInOtherProject)) {
      assertThat(
              code(
                  () ->
                      queries.handle(
                          new ListMessagesQuery(stranger, conversationId, null, null, null, 0))))
          .as("requester %s", stranger)
          .isEqualTo(ErrorCode.FORBIDDEN);
    }
  }

  @Test
  void an_own_message_is_found() {
    MessageView expected =
        new MessageView(
            messageIds.get(1),
            conversationId,
            T0.plusSeconds(120),
            MessageRole.HUMAN_AGENT,
            "answer 2",
            MessageStatus.COMPLETE,
            null,
            null,
            null,
            ALICE,
            null,
            null);

    assertThat(queries.handle(new FindMessageQuery(owner, messageIds.get(1)))).isEqualTo(expected);
    assertThat(queries.handle(new FindMessageQuery(backend, messageIds.get(1))))
        .isEqualTo(expected);
  }

  @Test
  void finding_an_unknown_message_is_rejected_as_message_not_found() {
    UUID unknown = UUID.randomUUID();

    ErrorDetails details = rejection(() -> queries.handle(new FindMessageQuery(owner, unknown)));

    assertThat(details.code()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND);
    assertThat(details.details()).isEqualTo(Map.of("messageId", unknown.toString()));
  }

  @Test
  void finding_a_message_of_another_visitor_or_project_is_forbidden() {
    for (Requester stranger : List.of(otherVisitor, otherBackend, ownerInOtherProject)) {
      assertThat(code(() -> queries.handle(new FindMessageQuery(stranger, messageIds.get(0)))))
          .as("requester %s", stranger)
          .isEqualTo(ErrorCode.FORBIDDEN);
    }
  }

  private List<MessageView> list(
      MessageRole role, MessageStatus status, Integer limit, int offset) {
    return queries
        .handle(new ListMessagesQuery(owner, conversationId, role, status, limit, offset))
        .data();
  }

  private static List<UUID> ids(List<MessageView> messages) {
    return messages.stream().map(MessageView::id).toList();
  }

  private void markStreaming(UUID messageId) {
    db.jdbc()
        .sql("UPDATE message_view SET status = 'STREAMING' WHERE id = :id")
        .param("id", messageId)
        .update();
  }

  private static ErrorCode code(ThrowingCallable query) {
    return rejection(query).code();
  }

  private static ErrorDetails rejection(ThrowingCallable query) {
    Throwable thrown = catchThrowable(query);
    assertThat(thrown).isInstanceOf(QueryExecutionException.class);
    Optional<Object> details = ((QueryExecutionException) thrown).getDetails();
    assertThat(details).containsInstanceOf(ErrorDetails.class);
    return (ErrorDetails) details.orElseThrow();
  }
}
