package io.siteassist.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteassist.contract.Requester;
import io.siteassist.contract.conversation.ConversationFilter;
import io.siteassist.contract.conversation.ConversationOrder;
import io.siteassist.contract.conversation.ConversationStatus;
import io.siteassist.contract.conversation.ListConversationsQuery;
import io.siteassist.contract.conversation.SortDirection;
import io.siteassist.query.support.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How H2 answers a list page: a page must not cost more as the project grows, so the project-wide
 * list walks the index of its order and stops after the page, where a sort would read every
 * conversation of the project first (50 ms a page at 100 000 of them).
 */
class ConversationListPlanTest {

  private static final Requester BACKEND = Requester.projectBackend("p1");

  private final TestDatabase db = TestDatabase.migrated();
  private final ConversationQueries queries = new ConversationQueries(db.named());

  @AfterEach
  void tearDown() {
    db.close();
  }

  @ParameterizedTest
  @EnumSource(SortDirection.class)
  void a_project_wide_page_walks_the_index_of_its_order_without_sorting(SortDirection direction) {
    for (ConversationOrder order :
        new ConversationOrder[] {
          ConversationOrder.LAST_INTERACTION_AT,
          ConversationOrder.CREATED_AT,
          ConversationOrder.UPDATED_AT
        }) {
      assertThat(plan(query(ConversationFilter.ANY, order, direction)))
          .as("%s %s", order, direction)
          .contains("/* index sorted */");
    }
  }

  @Test
  void a_project_wide_page_of_one_status_walks_the_same_index() {
    ConversationFilter open =
        new ConversationFilter(ConversationStatus.OPEN, null, null, null, null);

    assertThat(plan(query(open, ConversationOrder.LAST_INTERACTION_AT, SortDirection.DESC)))
        .contains("/* index sorted */");
  }

  @Test
  void a_visitors_page_reads_only_that_visitors_conversations() {
    ConversationFilter oneVisitor =
        new ConversationFilter(null, UUID.randomUUID(), null, null, null);

    assertThat(plan(query(oneVisitor, ConversationOrder.LAST_INTERACTION_AT, SortDirection.DESC)))
        .containsIgnoringCase("conversation_view_visitor: visitor_id =");
  }

  private String plan(ListConversationsQuery query) {
    ConversationQueries.Statement page = queries.listPage(query);
    return db.named()
        .queryForObject("EXPLAIN " + page.sql(), page.params(), String.class)
        .replaceAll("\\s+", " ");
  }

  private static ListConversationsQuery query(
      ConversationFilter filter, ConversationOrder order, SortDirection direction) {
    return new ListConversationsQuery(BACKEND, filter, order, direction, 10, 0);
  }
}
