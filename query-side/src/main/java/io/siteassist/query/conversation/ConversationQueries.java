package io.siteassist.query.conversation;

import static io.siteassist.query.support.Sql.enumOf;
import static io.siteassist.query.support.Sql.instant;
import static io.siteassist.query.support.Sql.time;
import static io.siteassist.query.support.Sql.uuid;

import io.siteassist.contract.Requester;
import io.siteassist.contract.conversation.ConversationFilter;
import io.siteassist.contract.conversation.ConversationOrder;
import io.siteassist.contract.conversation.ConversationPage;
import io.siteassist.contract.conversation.ConversationStatus;
import io.siteassist.contract.conversation.ConversationSummary;
import io.siteassist.contract.conversation.ConversationVersionQuery;
import io.siteassist.contract.conversation.ConversationView;
import io.siteassist.contract.conversation.Feedback;
import io.siteassist.contract.conversation.FindConversationQuery;
import io.siteassist.contract.conversation.FindMessageQuery;
import io.siteassist.contract.conversation.HumanAgent;
import io.siteassist.contract.conversation.ListConversationsQuery;
import io.siteassist.contract.conversation.ListMessagesQuery;
import io.siteassist.contract.conversation.MessageList;
import io.siteassist.contract.conversation.MessageRole;
import io.siteassist.contract.conversation.MessageStatus;
import io.siteassist.contract.conversation.MessageView;
import io.siteassist.contract.conversation.SortDirection;
import io.siteassist.query.support.Columns;
import io.siteassist.query.support.Databases;
import io.siteassist.query.support.Rejections;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers the conversation and message queries from the read model. Every query is scoped by the
 * requester: its project always, and its visitor when the requester is a visitor.
 */
@Component
class ConversationQueries {

  private static final String CONVERSATION_COLUMNS =
      """
      id, project_id, visitor_id, status, created_at, updated_at, last_interaction_at, closed_at,
      close_reason, human_handled, human_agent_name, human_agent_image, title, last_message_id
      """;

  private static final String MESSAGE_COLUMNS =
      """
      id, conversation_id, created_at, role, text, status, error, feedback, feedback_at,
      human_agent_name, human_agent_image, page_url, page_title
      """;

  private static final String MESSAGE_PREFIX = "m_";

  /** The conversation's columns first, in every SELECT that has them. */
  private static final Columns CONVERSATION = Columns.of(CONVERSATION_COLUMNS);

  /** A message's columns after the conversation's (a conversation and its messages, a page). */
  private static final Columns JOINED_MESSAGE = CONVERSATION.then(MESSAGE_COLUMNS);

  /** A message's columns first (the messages of a conversation, one message). */
  private static final Columns MESSAGE = Columns.of(MESSAGE_COLUMNS);

  private static final Columns MESSAGE_OWNER = MESSAGE.then("project_id, visitor_id");

  private static final String FIND_CONVERSATION =
      "SELECT "
          + columns(CONVERSATION_COLUMNS, "c.", "")
          + ", "
          + columns(MESSAGE_COLUMNS, "m.", MESSAGE_PREFIX)
          + " FROM conversation_view c LEFT JOIN message_view m ON m.conversation_id = c.id"
          + " WHERE c.id = :id ORDER BY m.seq";

  private static final Map<ConversationOrder, String> ORDER_COLUMNS =
      Map.of(
          ConversationOrder.ID, "id",
          ConversationOrder.CREATED_AT, "created_at",
          ConversationOrder.UPDATED_AT, "updated_at",
          ConversationOrder.LAST_INTERACTION_AT, "last_interaction_at",
          ConversationOrder.STATUS, "status",
          ConversationOrder.CLOSED_AT, "closed_at",
          ConversationOrder.IS_HUMAN_HANDLED, "human_handled",
          ConversationOrder.TITLE, "title");

  private static final Set<ConversationOrder> NULLABLE_ORDER_COLUMNS =
      EnumSet.of(ConversationOrder.CLOSED_AT, ConversationOrder.TITLE);

  /** The (project_id, column, id) index of each order that has one (V3). */
  private static final Map<ConversationOrder, String> PROJECT_ORDER_INDEXES =
      Map.of(
          ConversationOrder.LAST_INTERACTION_AT, "conversation_view_project_interaction",
          ConversationOrder.CREATED_AT, "conversation_view_project_created",
          ConversationOrder.UPDATED_AT, "conversation_view_project_updated");

  private final JdbcClient jdbc;

  private final ConversationCounts counts;

  /**
   * H2 chooses among indexes of equal prefix before it looks at the order, and for a descending
   * order its costs do not tell the index that needs no sort from the others: the project-wide list
   * names its index there ({@code USE INDEX}, H2's syntax; PostgreSQL plans it right).
   */
  private final boolean nameIndexes;

  ConversationQueries(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = JdbcClient.create(jdbc);
    this.counts = new ConversationCounts(this.jdbc);
    this.nameIndexes = Databases.isH2(jdbc.getJdbcOperations());
  }

  /**
   * The conversation and its messages in one statement, one round trip to the database and one
   * consistent snapshot: the conversation's columns on every row, a message's (prefixed {@code m_})
   * beside them, none on the single row of a conversation without messages.
   */
  @QueryHandler
  ConversationView handle(FindConversationQuery query) {
    record Found(Row row, List<MessageView> messages) {}
    Optional<Found> found =
        jdbc.sql(FIND_CONVERSATION)
            .param("id", query.conversationId())
            .query(
                rs -> {
                  if (!rs.next()) {
                    return Optional.<Found>empty();
                  }
                  Row row = row(rs, 0);
                  List<MessageView> messages = new ArrayList<>();
                  do {
                    if (rs.getObject(JOINED_MESSAGE.at("id")) != null) {
                      messages.add(message(rs, JOINED_MESSAGE));
                    }
                  } while (rs.next());
                  return Optional.of(new Found(row, messages));
                });
    Found conversation =
        found.orElseThrow(() -> Rejections.conversationNotFound(query.conversationId()));
    ConversationSummary summary = conversation.row().summary();
    if (!accessible(query.requester(), summary.projectId(), summary.visitorId())) {
      throw Rejections.forbidden("conversation");
    }
    List<MessageView> messages = conversation.messages();
    MessageView last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    return new ConversationView(withLastMessage(summary, last), messages);
  }

  @QueryHandler
  ConversationPage handle(ListConversationsQuery query) {
    Statement count = listCount(query);
    long total =
        count == null
            ? counts.total(query.requester().projectId(), filter(query).status())
            : jdbc.sql(count.sql()).params(count.params()).query(Long.class).single();
    Statement page = listPage(query);
    List<ConversationSummary> data =
        jdbc.sql(page.sql())
            .params(page.params())
            .query(
                (rs, n) -> {
                  MessageView last =
                      rs.getObject(JOINED_MESSAGE.at("id")) == null
                          ? null
                          : message(rs, JOINED_MESSAGE);
                  return withLastMessage(row(rs, n).summary(), last);
                })
            .list();
    return new ConversationPage(total, query.limit(), query.offset(), data);
  }

  /** A statement and its named parameters. */
  record Statement(String sql, Map<String, Object> params) {}

  /**
   * The count of a list's matches, or {@code null} where the per-status counters answer it (the
   * whole project, by status or not).
   */
  Statement listCount(ListConversationsQuery query) {
    ConversationFilter filter = filter(query);
    UUID visitor = visitor(query, filter);
    if (visitor == null
        && filter.humanHandled() == null
        && filter.createdAfter() == null
        && filter.createdBefore() == null) {
      return null;
    }
    Map<String, Object> params = new HashMap<>();
    return new Statement(
        "SELECT COUNT(*) FROM conversation_view c" + where(query, filter, visitor, params), params);
  }

  /**
   * One page of a list, each conversation with its newest message (joined by its id, so a page is
   * one statement).
   */
  Statement listPage(ListConversationsQuery query) {
    ConversationFilter filter = filter(query);
    UUID visitor = visitor(query, filter);
    Map<String, Object> params = new HashMap<>();
    String where = where(query, filter, visitor, params);
    String direction = query.direction() == SortDirection.ASC ? "ASC" : "DESC";
    String column = ORDER_COLUMNS.get(query.orderBy());
    // NULLS LAST only where a column can be null: on a NOT NULL column the clause would keep
    // PostgreSQL from walking the (column, id) index in reverse for a descending page.
    String nulls = NULLABLE_ORDER_COLUMNS.contains(query.orderBy()) ? " NULLS LAST" : "";
    // project_id, fixed by the WHERE clause, leads the order without changing it: H2 walks an
    // index in the order asked only when the ORDER BY starts with the index's first column.
    String orderBy =
        " ORDER BY c.project_id "
            + direction
            + ", c."
            + column
            + " "
            + direction
            + nulls
            + ", c.id "
            + direction;
    String index = PROJECT_ORDER_INDEXES.get(query.orderBy());
    boolean walkOrderIndex =
        nameIndexes
            && index != null
            && visitor == null
            && filter.createdAfter() == null
            && filter.createdBefore() == null;
    params.put("limit", query.limit());
    params.put("offset", query.offset());
    return new Statement(
        "SELECT "
            + columns(CONVERSATION_COLUMNS, "c.", "")
            + ", "
            + columns(MESSAGE_COLUMNS, "m.", MESSAGE_PREFIX)
            + " FROM conversation_view c"
            + (walkOrderIndex ? " USE INDEX (" + index + ")" : "")
            + " LEFT JOIN message_view m ON m.id = c.last_message_id"
            + where
            + orderBy
            + " LIMIT :limit OFFSET :offset",
        params);
  }

  private static ConversationFilter filter(ListConversationsQuery query) {
    return query.filter() == null ? ConversationFilter.ANY : query.filter();
  }

  /** A visitor lists its own conversations, whatever its filter says. */
  private static UUID visitor(ListConversationsQuery query, ConversationFilter filter) {
    return query.requester().isVisitor() ? query.requester().visitorId() : filter.visitorId();
  }

  private static String where(
      ListConversationsQuery query,
      ConversationFilter filter,
      UUID visitor,
      Map<String, Object> params) {
    StringBuilder where = new StringBuilder(" WHERE c.project_id = :project");
    params.put("project", query.requester().projectId());
    if (visitor != null) {
      where.append(" AND c.visitor_id = :visitor");
      params.put("visitor", visitor);
    }
    if (filter.status() != null) {
      where.append(" AND c.status = :status");
      params.put("status", filter.status().name());
    }
    if (filter.humanHandled() != null) {
      where.append(" AND c.human_handled = :handled");
      params.put("handled", filter.humanHandled());
    }
    if (filter.createdAfter() != null) {
      where.append(" AND c.created_at > :createdAfter");
      params.put("createdAfter", time(filter.createdAfter()));
    }
    if (filter.createdBefore() != null) {
      where.append(" AND c.created_at < :createdBefore");
      params.put("createdBefore", time(filter.createdBefore()));
    }
    return where.toString();
  }

  @QueryHandler
  MessageList handle(ListMessagesQuery query) {
    accessibleRow(query.requester(), query.conversationId());
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + MESSAGE_COLUMNS + " FROM message_view WHERE conversation_id = :id");
    Map<String, Object> params = new HashMap<>();
    params.put("id", query.conversationId());
    if (query.role() != null) {
      sql.append(" AND role = :role");
      params.put("role", query.role().name());
    }
    if (query.status() != null) {
      sql.append(" AND status = :status");
      params.put("status", query.status().name());
    }
    sql.append(" ORDER BY seq");
    if (query.limit() != null) {
      sql.append(" LIMIT :limit");
      params.put("limit", query.limit());
    }
    if (query.offset() > 0) {
      sql.append(" OFFSET :offset");
      params.put("offset", query.offset());
    }
    return new MessageList(
        jdbc.sql(sql.toString()).params(params).query(ConversationQueries::message).list());
  }

  @QueryHandler
  MessageView handle(FindMessageQuery query) {
    record Owned(MessageView message, String projectId, UUID visitorId) {}
    Owned owned =
        jdbc.sql(
                "SELECT "
                    + MESSAGE_COLUMNS
                    + ", project_id, visitor_id FROM message_view WHERE id = :id")
            .param("id", query.messageId())
            .query(
                (rs, n) ->
                    new Owned(
                        message(rs, n),
                        rs.getString(MESSAGE_OWNER.at("project_id")),
                        uuid(rs, MESSAGE_OWNER.at("visitor_id"))))
            .optional()
            .orElseThrow(() -> Rejections.messageNotFound(query.messageId()));
    if (!accessible(query.requester(), owned.projectId(), owned.visitorId())) {
      throw Rejections.forbidden("message");
    }
    return owned.message();
  }

  @QueryHandler
  Long handle(ConversationVersionQuery query) {
    return jdbc.sql("SELECT version FROM conversation_view WHERE id = :id")
        .param("id", query.conversationId())
        .query(Long.class)
        .optional()
        .orElse(-1L);
  }

  private Row accessibleRow(Requester requester, UUID conversationId) {
    Row row =
        jdbc.sql("SELECT " + CONVERSATION_COLUMNS + " FROM conversation_view WHERE id = :id")
            .param("id", conversationId)
            .query(ConversationQueries::row)
            .optional()
            .orElseThrow(() -> Rejections.conversationNotFound(conversationId));
    if (!accessible(requester, row.summary().projectId(), row.summary().visitorId())) {
      throw Rejections.forbidden("conversation");
    }
    return row;
  }

  private static boolean accessible(Requester requester, String projectId, UUID visitorId) {
    return requester.projectId().equals(projectId)
        && (!requester.isVisitor() || requester.visitorId().equals(visitorId));
  }

  private static ConversationSummary withLastMessage(ConversationSummary s, MessageView last) {
    return new ConversationSummary(
        s.id(),
        s.projectId(),
        s.visitorId(),
        s.createdAt(),
        s.updatedAt(),
        s.status(),
        s.closedAt(),
        s.closeReason(),
        s.lastInteractionAt(),
        s.humanHandled(),
        s.humanAgent(),
        s.title(),
        last);
  }

  /** A conversation row before its last message is attached. */
  private record Row(ConversationSummary summary, UUID lastMessageId) {}

  /** The conversation's columns, which come first in every SELECT that has them. */
  private static Row row(ResultSet rs, int rowNum) throws SQLException {
    Columns c = CONVERSATION;
    ConversationSummary summary =
        new ConversationSummary(
            uuid(rs, c.at("id")),
            rs.getString(c.at("project_id")),
            uuid(rs, c.at("visitor_id")),
            instant(rs, c.at("created_at")),
            instant(rs, c.at("updated_at")),
            enumOf(ConversationStatus.class, rs.getString(c.at("status"))),
            instant(rs, c.at("closed_at")),
            rs.getString(c.at("close_reason")),
            instant(rs, c.at("last_interaction_at")),
            rs.getBoolean(c.at("human_handled")),
            agent(rs, c),
            rs.getString(c.at("title")),
            null);
    return new Row(summary, uuid(rs, c.at("last_message_id")));
  }

  /** A message from a SELECT that starts with its columns. */
  private static MessageView message(ResultSet rs, int rowNum) throws SQLException {
    return message(rs, MESSAGE);
  }

  private static MessageView message(ResultSet rs, Columns c) throws SQLException {
    return new MessageView(
        uuid(rs, c.at("id")),
        uuid(rs, c.at("conversation_id")),
        instant(rs, c.at("created_at")),
        enumOf(MessageRole.class, rs.getString(c.at("role"))),
        rs.getString(c.at("text")),
        enumOf(MessageStatus.class, rs.getString(c.at("status"))),
        rs.getString(c.at("error")),
        enumOf(Feedback.class, rs.getString(c.at("feedback"))),
        instant(rs, c.at("feedback_at")),
        agent(rs, c),
        rs.getString(c.at("page_url")),
        rs.getString(c.at("page_title")));
  }

  private static HumanAgent agent(ResultSet rs, Columns c) throws SQLException {
    String name = rs.getString(c.at("human_agent_name"));
    return name == null ? null : new HumanAgent(name, rs.getString(c.at("human_agent_image")));
  }

  /** A column list qualified by a table alias, each column renamed with a prefix if any. */
  private static String columns(String list, String alias, String prefix) {
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .map(c -> alias + c + (prefix.isEmpty() ? "" : " AS " + prefix + c))
        .collect(Collectors.joining(", "));
  }
}
