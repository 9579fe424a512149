package io.siteassist.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteassist.contract.Requester;
import io.siteassist.contract.conversation.ConversationClosedEvent;
import io.siteassist.contract.conversation.ConversationFilter;
import io.siteassist.contract.conversation.ConversationOrder;
import io.siteassist.contract.conversation.ConversationStartedEvent;
import io.siteassist.contract.conversation.ConversationStatus;
import io.siteassist.contract.conversation.ConversationVersionQuery;
import io.siteassist.contract.conversation.FindConversationQuery;
import io.siteassist.contract.conversation.ListConversationsQuery;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.contract.conversation.SortDirection;
import io.siteassist.contract.conversation.VisitorMessagePostedEvent;
import io.siteassist.query.support.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projection inside a batch of events, as a streaming processor runs it: writes reach the
 * database just before the batch commits, in each conversation's event order, and the edge hears of
 * a new version only once it is committed.
 */
class ConversationProjectionBatchTest {

  private static final String PROJECT = "p1";
  private static final Instant T0 = Instant.parse("2024-01-15T10:30:00Z");

  private final UUID visitorId = UUID.randomUUID();
  private final Requester backend = Requester.projectBackend(PROJECT);

  private TestDatabase db;
  private SimpleQueryUpdateEmitter emitter;
  private ConversationProjection projection;
  private ConversationQueries queries;

  @BeforeEach
  void setUp() {
    db = TestDatabase.migrated();
    emitter = SimpleQueryUpdateEmitter.builder().build();
    projection = new ConversationProjection(db.named(), emitter);
    queries = new ConversationQueries(db.named());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void a_batch_writes_nothing_until_it_commits_and_then_all_of_it() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    start(first);
    start(second);
    post(first, UUID.randomUUID(), 1);

    assertThat(db.count("conversation_view")).isZero();
    batch.commit();

    assertThat(db.count("conversation_view")).isEqualTo(2);
    assertThat(db.count("message_view")).isEqualTo(1);
    assertThat(version(first)).isEqualTo(1);
    assertThat(version(second)).isZero();
    assertThat(total(null)).isEqualTo(2);
  }

  @Test
  void events_of_one_conversation_apply_in_their_order_within_a_batch() {
    UUID id = UUID.randomUUID();
    List<UUID> messages = new ArrayList<>();
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    start(id);
    for (int seq = 1; seq <= 5; seq++) {
      UUID message = UUID.randomUUID();
      messages.add(message);
      post(id, message, seq);
    }
    projection.on(new ConversationClosedEvent(id, "answered"), 6L, T0.plusSeconds(60));
    batch.commit();

    var view = queries.handle(new FindConversationQuery(backend, id));
    assertThat(view.messages()).extracting(MessageView::id).containsExactlyElementsOf(messages);
    assertThat(view.conversation().lastMessage().id()).isEqualTo(messages.get(4));
    assertThat(view.conversation().status()).isEqualTo(ConversationStatus.CLOSED);
    assertThat(view.conversation().lastInteractionAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(version(id)).isEqualTo(6);
    assertThat(total(ConversationStatus.OPEN)).isZero();
    assertThat(total(ConversationStatus.CLOSED)).isEqualTo(1);
  }

  @Test
  void a_rolled_back_batch_leaves_no_row_and_no_count() {
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    start(UUID.randomUUID());
    batch.rollback();

    assertThat(db.count("conversation_view")).isZero();
    assertThat(total(null)).isZero();
  }

  @Test
  void the_version_reached_is_announced_once_per_conversation_after_the_commit() {
    UUID id = UUID.randomUUID();
    List<Long> updates = subscribeToVersions(id);
    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    start(id);
    post(id, UUID.randomUUID(), 1);
    post(id, UUID.randomUUID(), 2);

    assertThat(updates).isEmpty();
    batch.commit();

    assertThat(updates).containsExactly(2L);
  }

  @Test
  void after_a_failed_flush_the_retry_writes_each_event_at_once_so_the_poison_one_fails_alone() {
    UUID healthy = UUID.randomUUID();
    UUID poison = UUID.randomUUID();
    String tooLongForTheColumn = "https://example.com/" + "x".repeat(3000);

    UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
    start(healthy);
    projection.on(
        new ConversationStartedEvent(poison, PROJECT, visitorId, tooLongForTheColumn), 0L, T0);
    assertThatThrownBy(batch::commit).isInstanceOf(RuntimeException.class);

    // the processor's retry of the same batch, on the same thread
    DefaultUnitOfWork.startAndGet(null);
    start(healthy);
    assertThat(db.count("conversation_view")).isEqualTo(1);
    assertThatThrownBy(
            () ->
                projection.on(
                    new ConversationStartedEvent(poison, PROJECT, visitorId, tooLongForTheColumn),
                    0L,
                    T0))
        .isInstanceOf(RuntimeException.class);
    org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().commit();

    // and once a batch has committed, writes are deferred again
    DefaultUnitOfWork<?> next = DefaultUnitOfWork.startAndGet(null);
    start(UUID.randomUUID());
    assertThat(db.count("conversation_view")).isEqualTo(1);
    next.commit();
    assertThat(db.count("conversation_view")).isEqualTo(2);
  }

  private List<Long> subscribeToVersions(UUID id) {
    SubscriptionQueryMessage<ConversationVersionQuery, Long, Long> query =
        new GenericSubscriptionQueryMessage<>(
            new ConversationVersionQuery(id),
            ResponseTypes.instanceOf(Long.class),
            ResponseTypes.instanceOf(Long.class));
    UpdateHandlerRegistration<Long> registration = emitter.registerUpdateHandler(query, 16);
    List<Long> updates = new CopyOnWriteArrayList<>();
    registration.getUpdates().subscribe(update -> updates.add(update.getPayload()));
    return updates;
  }

  private void start(UUID id) {
    projection.on(new ConversationStartedEvent(id, PROJECT, visitorId, null), 0L, T0);
  }

  private void post(UUID conversation, UUID message, long seq) {
    projection.on(
        new VisitorMessagePostedEvent(conversation, message, "m" + seq, null, null, null),
        seq,
        T0.plusSeconds(seq));
  }

  private long version(UUID id) {
    return queries.handle(new ConversationVersionQuery(id));
  }

  private long total(ConversationStatus status) {
    return queries
        .handle(
            new ListConversationsQuery(
                backend,
                new ConversationFilter(status, null, null, null, null),
                ConversationOrder.CREATED_AT,
                SortDirection.DESC,
                1,
                0))
        .total();
  }
}
