package io.siteassist.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.siteassist.contract.Requester;
import io.siteassist.contract.conversation.AgentMessagePostedEvent;
import io.siteassist.contract.conversation.ConversationClosedEvent;
import io.siteassist.contract.conversation.ConversationFilter;
import io.siteassist.contract.conversation.ConversationHandedOverEvent;
import io.siteassist.contract.conversation.ConversationOrder;
import io.siteassist.contract.conversation.ConversationPage;
import io.siteassist.contract.conversation.ConversationStartedEvent;
import io.siteassist.contract.conversation.ConversationStatus;
import io.siteassist.contract.conversation.ConversationSummary;
import io.siteassist.contract.conversation.FindConversationQuery;
import io.siteassist.contract.conversation.HumanAgent;
import io.siteassist.contract.conversation.ListConversationsQuery;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.contract.conversation.SortDirection;
import io.siteassist.contract.conversation.VisitorMessagePostedEvent;
import io.siteassist.query.support.TestDatabase;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Listing conversations: scoping by requester, filters, paging and every order.
 *
 * <p>The fixture (times are seconds after {@link #T0}; ids sort A &lt; B &lt; C &lt; D):
 *
 * <pre>
 *      visitor created updated lastInteraction status closedAt humanHandled title
 *   A  V1      20      90      50              OPEN   -        yes          beta
 *   B  V1      10      75      70              CLOSED 75       no           -
 *   C  V2      30      80      40              CLOSED 80       yes          -
 *   D  V2      40      60      60              OPEN   -        no           alpha
 *   E  V1 of another project, created 5
 * </pre>
 *
 * <p>Every one of them has a message: see {@link
 * #a_page_of_conversations_none_of_which_has_a_message_lists_them_without_last_message}.
 */
class ConversationListTest {

  private static final String PROJECT = "p1";
  private static final String OTHER_PROJECT = "p2";
  private static final Instant T0 = Instant.parse("2024-01-15T10:30:00Z");
  private static final HumanAgent ALICE = new HumanAgent("Alice", null);

  private static final UUID A = id(1);
  private static final UUID B = id(2);
  private static final UUID C = id(3);
  private static final UUID D = id(4);
  private static final UUID E = id(5);
  private static final UUID V1 = UUID.fromString("11111111-1111-1111-1111-111111111111");
  private static final UUID V2 = UUID.fromString("22222222-2222-2222-2222-222222222222");

  private static final UUID MESSAGE_OF_A = UUID.randomUUID();
  private static final UUID MESSAGE_OF_C = UUID.randomUUID();

  private final Requester backend = Requester.projectBackend(PROJECT);

  private TestDatabase db;
  private ConversationQueries queries;

  @BeforeEach
  void setUp() {
    db = TestDatabase.migrated();
    ConversationProjection projection =
        new ConversationProjection(db.named(), SimpleQueryUpdateEmitter.builder().build());
    queries = new ConversationQueries(db.named());

    projection.on(new ConversationStartedEvent(A, PROJECT, V1, null), 0L, at(20));
    projection.on(message(A, MESSAGE_OF_A), 1L, at(50));
    projection.on(new ConversationHandedOverEvent(A, ALICE), 2L, at(90));

    projection.on(new ConversationStartedEvent(B, PROJECT, V1, null), 0L, at(10));
    projection.on(message(B, UUID.randomUUID()), 1L, at(70));
    projection.on(new ConversationClosedEvent(B, "solved"), 2L, at(75));

    projection.on(new ConversationStartedEvent(C, PROJECT, V2, null), 0L, at(30));
    projection.on(new ConversationHandedOverEvent(C, ALICE), 1L, at(35));
    projection.on(agentMessage(C, MESSAGE_OF_C), 2L, at(40));
    projection.on(new ConversationClosedEvent(C, null), 3L, at(80));

    projection.on(new ConversationStartedEvent(D, PROJECT, V2, null), 0L, at(40));
    projection.on(message(D, UUID.randomUUID()), 1L, at(60));

    projection.on(new ConversationStartedEvent(E, OTHER_PROJECT, V1, null), 0L, at(5));
    projection.on(message(E, UUID.randomUUID()), 1L, at(6));

    // No event sets a title yet; the column exists for the order by title.
    setTitle(A, "beta");
    setTitle(D, "alpha");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void the_fixture_is_what_the_table_in_the_class_comment_says() {
    List<ConversationSummary> all = list(backend, null, ConversationOrder.ID, SortDirection.ASC);

    assertThat(all)
        .extracting(
            ConversationSummary::id,
            ConversationSummary::visitorId,
            ConversationSummary::createdAt,
            ConversationSummary::updatedAt,
            ConversationSummary::lastInteractionAt,
            ConversationSummary::status,
            ConversationSummary::closedAt,
            ConversationSummary::humanHandled,
            ConversationSummary::title)
        .containsExactly(
            tuple(A, V1, at(20), at(90), at(50), ConversationStatus.OPEN, null, true, "beta"),
            tuple(B, V1, at(10), at(75), at(70), ConversationStatus.CLOSED, at(75), false, null),
            tuple(C, V2, at(30), at(80), at(40), ConversationStatus.CLOSED, at(80), true, null),
            tuple(D, V2, at(40), at(60), at(60), ConversationStatus.OPEN, null, false, "alpha"));
  }

  @Test
  void a_visitor_sees_only_its_own_conversations_of_the_project() {
    assertThat(ids(Requester.visitor(PROJECT, V1), ConversationFilter.ANY)).containsExactly(A, B);
    assertThat(ids(Requester.visitor(PROJECT, V2), ConversationFilter.ANY)).containsExactly(C, D);
    assertThat(ids(Requester.visitor(OTHER_PROJECT, V1), ConversationFilter.ANY))
        .containsExactly(E);
    assertThat(ids(Requester.visitor(PROJECT, UUID.randomUUID()), ConversationFilter.ANY))
        .isEmpty();
  }

  @Test
  void a_visitor_cannot_widen_its_scope_by_filtering_on_another_visitor() {
    ConversationPage page =
        page(
            Requester.visitor(PROJECT, V1),
            filter(null, V2, null, null, null),
            ConversationOrder.ID,
            SortDirection.ASC,
            10,
            0);

    assertThat(page.total()).isEqualTo(2);
    assertThat(ids(page)).containsExactly(A, B);
  }

  @Test
  void another_project_sees_nothing_of_the_project() {
    ConversationPage page =
        page(
            Requester.projectBackend("p3"),
            ConversationFilter.ANY,
            ConversationOrder.ID,
            SortDirection.ASC,
            10,
            0);

    assertThat(page.total()).isZero();
    assertThat(page.data()).isEmpty();
    assertThat(ids(Requester.visitor("p3", V1), ConversationFilter.ANY)).isEmpty();
  }

  @Test
  void the_project_back_end_sees_every_conversation_of_its_project_and_no_other() {
    assertThat(ids(backend, ConversationFilter.ANY)).containsExactly(A, B, C, D);
    assertThat(ids(Requester.projectBackend(OTHER_PROJECT), ConversationFilter.ANY))
        .containsExactly(E);
  }

  @Test
  void a_missing_filter_means_any() {
    assertThat(ids(backend, null)).containsExactly(A, B, C, D);
  }

  @Test
  void the_project_back_end_can_filter_by_visitor() {
    assertThat(ids(backend, filter(null, V1, null, null, null))).containsExactly(A, B);
    assertThat(ids(backend, filter(null, V2, null, null, null))).containsExactly(C, D);
  }

  @Test
  void conversations_can_be_filtered_by_status() {
    assertThat(ids(backend, filter(ConversationStatus.OPEN, null, null, null, null)))
        .containsExactly(A, D);
    assertThat(ids(backend, filter(ConversationStatus.CLOSED, null, null, null, null)))
        .containsExactly(B, C);
    assertThat(
            ids(
                Requester.visitor(PROJECT, V1),
                filter(ConversationStatus.OPEN, null, null, null, null)))
        .containsExactly(A);
  }

  @Test
  void conversations_can_be_filtered_by_human_handling() {
    assertThat(ids(backend, filter(null, null, true, null, null))).containsExactly(A, C);
    assertThat(ids(backend, filter(null, null, false, null, null))).containsExactly(B, D);
  }

  @Test
  void created_after_is_exclusive() {
    assertThat(ids(backend, filter(null, null, null, at(20), null))).containsExactly(C, D);
    assertThat(ids(backend, filter(null, null, null, at(19), null))).containsExactly(A, C, D);
  }

  @Test
  void created_before_is_exclusive() {
    assertThat(ids(backend, filter(null, null, null, null, at(30)))).containsExactly(A, B);
    assertThat(ids(backend, filter(null, null, null, null, at(31)))).containsExactly(A, B, C);
  }

  @Test
  void created_after_and_before_together_select_the_open_interval_between_them() {
    assertThat(ids(backend, filter(null, null, null, at(10), at(40)))).containsExactly(A, C);
  }

  @Test
  void filters_combine_with_and() {
    assertThat(ids(backend, filter(ConversationStatus.CLOSED, null, true, null, null)))
        .containsExactly(C);
    assertThat(ids(backend, filter(ConversationStatus.CLOSED, V1, null, null, null)))
        .containsExactly(B);
    assertThat(ids(backend, filter(ConversationStatus.OPEN, V2, false, at(30), at(50))))
        .containsExactly(D);
    assertThat(ids(backend, filter(ConversationStatus.OPEN, V2, true, null, null))).isEmpty();
  }

  @Test
  void total_counts_every_match_while_limit_and_offset_page_through_them() {
    ConversationPage first = page(backend, null, ConversationOrder.ID, SortDirection.ASC, 2, 0);
    ConversationPage second = page(backend, null, ConversationOrder.ID, SortDirection.ASC, 2, 2);
    ConversationPage last = page(backend, null, ConversationOrder.ID, SortDirection.ASC, 2, 3);
    ConversationPage beyond = page(backend, null, ConversationOrder.ID, SortDirection.ASC, 2, 4);

    assertThat(ids(first)).containsExactly(A, B);
    assertThat(ids(second)).containsExactly(C, D);
    assertThat(ids(last)).containsExactly(D);
    assertThat(beyond.data()).isEmpty();
    assertThat(List.of(first, second, last, beyond))
        .extracting(ConversationPage::total)
        .containsOnly(4L);
    assertThat(second.limit()).isEqualTo(2);
    assertThat(second.offset()).isEqualTo(2);
  }

  @Test
  void total_counts_only_the_matches_of_the_filter() {
    ConversationPage page =
        page(
            backend,
            filter(ConversationStatus.CLOSED, null, null, null, null),
            ConversationOrder.ID,
            SortDirection.DESC,
            1,
            1);

    assertThat(page.total()).isEqualTo(2);
    assertThat(ids(page)).containsExactly(B);
  }

  @Test
  void each_listed_conversation_carries_its_newest_message() {
    List<ConversationSummary> all = list(backend, null, ConversationOrder.ID, SortDirection.ASC);

    assertThat(all.get(0).lastMessage()).extracting(MessageView::id).isEqualTo(MESSAGE_OF_A);
    assertThat(all.get(2).lastMessage()).extracting(MessageView::id).isEqualTo(MESSAGE_OF_C);
    for (ConversationSummary listed : all) {
      assertThat(listed)
          .isEqualTo(
              queries.handle(new FindConversationQuery(backend, listed.id())).conversation());
    }
  }

  @Test
  void a_conversation_without_messages_is_listed_without_last_message_beside_one_with_messages() {
    UUID silent = UUID.randomUUID();
    UUID talkative = UUID.randomUUID();
    ConversationProjection projection =
        new ConversationProjection(db.named(), SimpleQueryUpdateEmitter.builder().build());
    projection.on(new ConversationStartedEvent(silent, "p9", V1, null), 0L, at(1));
    projection.on(new ConversationStartedEvent(talkative, "p9", V1, null), 0L, at(2));
    projection.on(message(talkative, UUID.randomUUID()), 1L, at(3));

    List<ConversationSummary> listed =
        list(Requester.projectBackend("p9"), null, ConversationOrder.CREATED_AT, SortDirection.ASC);

    assertThat(listed).extracting(ConversationSummary::id).containsExactly(silent, talkative);
    assertThat(listed.get(0).lastMessage()).isNull();
    assertThat(listed.get(1).lastMessage()).isNotNull();
  }

  @Test
  void a_page_of_conversations_none_of_which_has_a_message_lists_them_without_last_message() {
    UUID silent = UUID.randomUUID();
    new ConversationProjection(db.named(), SimpleQueryUpdateEmitter.builder().build())
        .on(new ConversationStartedEvent(silent, "p9", V1, null), 0L, at(1));

    List<ConversationSummary> listed =
        list(Requester.projectBackend("p9"), null, ConversationOrder.ID, SortDirection.ASC);

    assertThat(listed).extracting(ConversationSummary::id).containsExactly(silent);
    assertThat(listed.get(0).lastMessage()).isNull();
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of(ConversationOrder.ID, SortDirection.ASC, List.of(A, B, C, D)),
        Arguments.of(ConversationOrder.ID, SortDirection.DESC, List.of(D, C, B, A)),
        Arguments.of(ConversationOrder.CREATED_AT, SortDirection.ASC, List.of(B, A, C, D)),
        Arguments.of(ConversationOrder.CREATED_AT, SortDirection.DESC, List.of(D, C, A, B)),
        Arguments.of(ConversationOrder.UPDATED_AT, SortDirection.ASC, List.of(D, B, C, A)),
        Arguments.of(ConversationOrder.UPDATED_AT, SortDirection.DESC, List.of(A, C, B, D)),
        Arguments.of(ConversationOrder.LAST_INTERACTION_AT, SortDirection.ASC, List.of(C, A, D, B)),
        Arguments.of(
            ConversationOrder.LAST_INTERACTION_AT, SortDirection.DESC, List.of(B, D, A, C)),
        // ties (same status) broken by id in the same direction
        Arguments.of(ConversationOrder.STATUS, SortDirection.ASC, List.of(B, C, A, D)),
        Arguments.of(ConversationOrder.STATUS, SortDirection.DESC, List.of(D, A, C, B)),
        // open conversations have no closedAt: last in both directions, among them by id
        Arguments.of(ConversationOrder.CLOSED_AT, SortDirection.ASC, List.of(B, C, A, D)),
        Arguments.of(ConversationOrder.CLOSED_AT, SortDirection.DESC, List.of(C, B, D, A)),
        Arguments.of(ConversationOrder.IS_HUMAN_HANDLED, SortDirection.ASC, List.of(B, D, A, C)),
        Arguments.of(ConversationOrder.IS_HUMAN_HANDLED, SortDirection.DESC, List.of(C, A, D, B)),
        // untitled conversations last in both directions, among them by id
        Arguments.of(ConversationOrder.TITLE, SortDirection.ASC, List.of(D, A, B, C)),
        Arguments.of(ConversationOrder.TITLE, SortDirection.DESC, List.of(A, D, C, B)));
  }

  @ParameterizedTest(name = "{0} {1} gives {2}")
  @MethodSource("orders")
  void every_order_sorts_in_both_directions_with_nulls_last_and_ties_broken_by_id(
      ConversationOrder order, SortDirection direction, List<UUID> expected) {
    assertThat(list(backend, null, order, direction))
        .extracting(ConversationSummary::id)
        .containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("orders")
  void paging_follows_the_order(
      ConversationOrder order, SortDirection direction, List<UUID> expected) {
    assertThat(ids(page(backend, null, order, direction, 2, 1)))
        .containsExactlyElementsOf(expected.subList(1, 3));
  }

  @Test
  void the_order_cases_cover_every_order_in_both_directions() {
    Set<String> covered =
        orders()
            .map(Arguments::get)
            .map(args -> args[0] + " " + args[1])
            .collect(Collectors.toSet());
    Set<String> all =
        EnumSet.allOf(ConversationOrder.class).stream()
            .flatMap(o -> Arrays.stream(SortDirection.values()).map(d -> o + " " + d))
            .collect(Collectors.toSet());

    assertThat(covered).isEqualTo(all);
  }

  private static UUID id(int n) {
    return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static AgentMessagePostedEvent agentMessage(UUID conversationId, UUID messageId) {
    return new AgentMessagePostedEvent(conversationId, messageId, "hello", ALICE);
  }

  private static VisitorMessagePostedEvent message(UUID conversationId, UUID messageId) {
    return new VisitorMessagePostedEvent(conversationId, messageId, "hi", null, null, null);
  }

  private static ConversationFilter filter(
      ConversationStatus status,
      UUID visitorId,
      Boolean humanHandled,
      Instant createdAfter,
      Instant createdBefore) {
    return new ConversationFilter(status, visitorId, humanHandled, createdAfter, createdBefore);
  }

  private void setTitle(UUID conversationId, String title) {
    db.jdbc()
        .sql("UPDATE conversation_view SET title = :title WHERE id = :id")
        .param("title", title)
        .param("id", conversationId)
        .update();
  }

  private ConversationPage page(
      Requester requester,
      ConversationFilter filter,
      ConversationOrder order,
      SortDirection direction,
      int limit,
      int offset) {
    return queries.handle(
        new ListConversationsQuery(requester, filter, order, direction, limit, offset));
  }

  private List<ConversationSummary> list(
      Requester requester,
      ConversationFilter filter,
      ConversationOrder order,
      SortDirection direction) {
    return page(requester, filter, order, direction, 100, 0).data();
  }

  private List<UUID> ids(Requester requester, ConversationFilter filter) {
    ConversationPage page =
        page(requester, filter, ConversationOrder.ID, SortDirection.ASC, 100, 0);
    assertThat(page.total()).isEqualTo(page.data().size());
    return ids(page);
  }

  private static List<UUID> ids(ConversationPage page) {
    return page.data().stream().map(ConversationSummary::id).toList();
  }
}
