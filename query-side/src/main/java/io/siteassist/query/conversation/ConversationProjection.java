package io.siteassist.query.conversation;

import static io.siteassist.query.support.Sql.name;
import static io.siteassist.query.support.Sql.time;

import io.siteassist.contract.conversation.AgentMessagePostedEvent;
import io.siteassist.contract.conversation.ConversationClosedEvent;
import io.siteassist.contract.conversation.ConversationHandedOverEvent;
import io.siteassist.contract.conversation.ConversationReleasedEvent;
import io.siteassist.contract.conversation.ConversationStartedEvent;
import io.siteassist.contract.conversation.ConversationStatus;
import io.siteassist.contract.conversation.ConversationVersionQuery;
import io.siteassist.contract.conversation.HumanAgent;
import io.siteassist.contract.conversation.MessageFeedbackClearedEvent;
import io.siteassist.contract.conversation.MessageFeedbackGivenEvent;
import io.siteassist.contract.conversation.MessageRole;
import io.siteassist.contract.conversation.MessageStatus;
import io.siteassist.contract.conversation.VisitorMessagePostedEvent;
import io.siteassist.query.support.DeferredWrites;
import io.siteassist.query.support.ReadModelTables;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the conversation and message read models. Its writes go to the database in JDBC batches
 * just before each batch of events commits ({@link DeferredWrites}). Every write is guarded by the
 * aggregate sequence number it comes from, so an event handled twice (a retried batch, an
 * overlapping replay) leaves the rows as they were; all times are the events' own.
 */
@Component
@ProcessingGroup(ConversationProjection.PROCESSING_GROUP)
class ConversationProjection {

  static final String PROCESSING_GROUP = "conversations";

  private static final IntConsumer IGNORE_COUNT = count -> {};

  private static final String VERSIONS = ConversationProjection.class.getName() + ".versions";

  private final JdbcClient jdbc;

  private final ConversationCounts counts;

  private final QueryUpdateEmitter updates;

  private final DeferredWrites writes;

  private final ReadModelTables tables;

  ConversationProjection(NamedParameterJdbcTemplate jdbc, QueryUpdateEmitter updates) {
    this.jdbc = JdbcClient.create(jdbc);
    this.writes = new DeferredWrites(jdbc, PROCESSING_GROUP);
    this.tables =
        new ReadModelTables(
            jdbc.getJdbcTemplate(), "message_view", "conversation_view", "conversation_count");
    this.counts = new ConversationCounts(this.jdbc, writes);
    this.updates = updates;
  }

  @EventHandler
  void on(ConversationStartedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    announce(event.conversationId(), seq);
    writes.update(
        event.conversationId(),
        """
        INSERT INTO conversation_view (id, project_id, visitor_id, status, created_at,
            updated_at, last_interaction_at, human_handled, page_url, version)
        SELECT :id, :project, :visitor, :status, :at, :at, :at, FALSE, :pageUrl, :version
        WHERE NOT EXISTS (SELECT 1 FROM conversation_view WHERE id = :id)
        """,
        params(
            "id", event.conversationId(),
            "project", event.projectId(),
            "visitor", event.visitorId(),
            "status", ConversationStatus.OPEN.name(),
            "at", time(at),
            "pageUrl", event.pageUrl(),
            "version", seq),
        inserted -> {
          if (inserted == 1) {
            counts.add(event.projectId(), ConversationStatus.OPEN, 1);
          }
        });
  }

  @EventHandler
  void on(VisitorMessagePostedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    announce(event.conversationId(), seq);
    addMessage(
        event.conversationId(),
        event.messageId(),
        seq,
        at,
        MessageRole.USER,
        event.content(),
        null,
        event.pageUrl(),
        event.pageTitle());
  }

  @EventHandler
  void on(AgentMessagePostedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    announce(event.conversationId(), seq);
    addMessage(
        event.conversationId(),
        event.messageId(),
        seq,
        at,
        MessageRole.HUMAN_AGENT,
        event.content(),
        event.humanAgent(),
        null,
        null);
  }

  @EventHandler
  void on(MessageFeedbackGivenEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    announce(event.conversationId(), seq);
    setFeedback(event.conversationId(), event.messageId(), name(event.feedback()), at, seq);
  }

  @EventHandler
  void on(MessageFeedbackClearedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    announce(event.conversationId(), seq);
    setFeedback(event.conversationId(), event.messageId(), null, null, seq);
  }

  @EventHandler
  void on(ConversationHandedOverEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    announce(event.conversationId(), seq);
    setHumanAgent(event.conversationId(), event.humanAgent(), at, seq);
  }

  @EventHandler
  void on(ConversationReleasedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    announce(event.conversationId(), seq);
    setHumanAgent(event.conversationId(), null, at, seq);
  }

  @EventHandler
  void on(ConversationClosedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    announce(event.conversationId(), seq);
    writes.update(
        event.conversationId(),
        """
        UPDATE conversation_view
           SET status = :status, closed_at = :at, close_reason = :reason, updated_at = :at,
               version = :version
         WHERE id = :id AND version < :version
        """,
        params(
            "status", ConversationStatus.CLOSED.name(),
            "at", time(at),
            "reason", event.closeReason(),
            "version", seq,
            "id", event.conversationId()),
        closed -> {
          if (closed == 1) {
            String project =
                jdbc.sql("SELECT project_id FROM conversation_view WHERE id = :id")
                    .param("id", event.conversationId())
                    .query(String.class)
                    .single();
            counts.add(project, ConversationStatus.OPEN, -1);
            counts.add(project, ConversationStatus.CLOSED, 1);
          }
        });
  }

  /**
   * Tells the subscribers of {@link ConversationVersionQuery} (the edge, waiting to read its own
   * write) that the conversation reached this version, once the batch that applied it has
   * committed: one update per conversation and batch, the highest version it reached.
   */
  private void announce(UUID conversationId, long version) {
    if (!CurrentUnitOfWork.isStarted()) {
      emit(conversationId, version);
      return;
    }
    UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
    Map<UUID, Long> reached =
        batch.getOrComputeResource(
            VERSIONS,
            key -> {
              Map<UUID, Long> versions = new HashMap<>();
              batch.afterCommit(u -> versions.forEach(this::emit));
              return versions;
            });
    reached.merge(conversationId, version, Math::max);
  }

  private void emit(UUID conversationId, long version) {
    updates.emit(
        ConversationVersionQuery.class, q -> q.conversationId().equals(conversationId), version);
  }

  @ResetHandler
  void reset() {
    tables.clear();
  }

  private void addMessage(
      UUID conversationId,
      UUID messageId,
      long seq,
      Instant at,
      MessageRole role,
      String text,
      HumanAgent agent,
      String pageUrl,
      String pageTitle) {
    writes.update(
        conversationId,
        """
        INSERT INTO message_view (id, conversation_id, project_id, visitor_id, seq, created_at,
            role, text, status, human_agent_name, human_agent_image, page_url, page_title,
            version)
        SELECT :id, c.id, c.project_id, c.visitor_id, :seq, :at, :role, :text, :status,
               :agentName, :agentImage, :pageUrl, :pageTitle, :seq
          FROM conversation_view c
         WHERE c.id = :conversation
           AND NOT EXISTS (SELECT 1 FROM message_view WHERE id = :id)
        """,
        params(
            "id", messageId,
            "seq", seq,
            "at", time(at),
            "role", role.name(),
            "text", text,
            "status", MessageStatus.COMPLETE.name(),
            "agentName", agent == null ? null : agent.name(),
            "agentImage", agent == null ? null : agent.image(),
            "pageUrl", pageUrl,
            "pageTitle", pageTitle,
            "conversation", conversationId),
        IGNORE_COUNT);
    writes.update(
        conversationId,
        """
        UPDATE conversation_view
           SET last_message_id = :message, last_interaction_at = :at, updated_at = :at,
               version = :version
         WHERE id = :id AND version < :version
        """,
        params("message", messageId, "at", time(at), "version", seq, "id", conversationId),
        IGNORE_COUNT);
  }

  private void setFeedback(
      UUID conversationId, UUID messageId, String feedback, Instant at, long seq) {
    writes.update(
        conversationId,
        """
        UPDATE message_view SET feedback = :feedback, feedback_at = :at, version = :version
         WHERE id = :id AND version < :version
        """,
        params("feedback", feedback, "at", time(at), "version", seq, "id", messageId),
        IGNORE_COUNT);
    touch(conversationId, seq);
  }

  private void setHumanAgent(UUID conversationId, HumanAgent agent, Instant at, long seq) {
    writes.update(
        conversationId,
        """
        UPDATE conversation_view
           SET human_handled = :handled, human_agent_name = :name, human_agent_image = :image,
               updated_at = :at, version = :version
         WHERE id = :id AND version < :version
        """,
        params(
            "handled",
            agent != null,
            "name",
            agent == null ? null : agent.name(),
            "image",
            agent == null ? null : agent.image(),
            "at",
            time(at),
            "version",
            seq,
            "id",
            conversationId),
        IGNORE_COUNT);
  }

  /** Feedback is not an interaction with the conversation, but the row must know it was seen. */
  private void touch(UUID conversationId, long seq) {
    writes.update(
        conversationId,
        "UPDATE conversation_view SET version = :version WHERE id = :id AND version < :version",
        params("version", seq, "id", conversationId),
        IGNORE_COUNT);
  }

  /** Named parameters, in pairs; values may be null. */
  private static Map<String, Object> params(Object... namesAndValues) {
    Map<String, Object> params = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return params;
  }
}
