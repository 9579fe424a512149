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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the conversation and message read models. Every write is guarded by the aggregate sequence
 * number it comes from, so an event handled twice (a retried batch, an overlapping replay) leaves
 * the rows as they were; all times are the events' own.
 */
@Component
@ProcessingGroup(ConversationProjection.PROCESSING_GROUP)
class ConversationProjection {

  static final String PROCESSING_GROUP = "conversations";

  private static final String VERSIONS = ConversationProjection.class.getName() + ".versions";

  private final JdbcClient jdbc;

  private final ConversationCounts counts;

  private final QueryUpdateEmitter updates;

  ConversationProjection(JdbcClient jdbc, QueryUpdateEmitter updates) {
    this.jdbc = jdbc;
    this.counts = new ConversationCounts(jdbc);
    this.updates = updates;
  }

  @EventHandler
  void on(ConversationStartedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
    announce(event.conversationId(), seq);
    int inserted =
        jdbc.sql(
                """
            INSERT INTO conversation_view (id, project_id, visitor_id, status, created_at,
                updated_at, last_interaction_at, human_handled, page_url, version)
            SELECT :id, :project, :visitor, :status, :at, :at, :at, FALSE, :pageUrl, :version
            WHERE NOT EXISTS (SELECT 1 FROM conversation_view WHERE id = :id)
            """)
            .param("id", event.conversationId())
            .param("project", event.projectId())
            .param("visitor", event.visitorId())
            .param("status", ConversationStatus.OPEN.name())
            .param("at", time(at))
            .param("pageUrl", event.pageUrl())
            .param("version", seq)
            .update();
    if (inserted == 1) {
      counts.add(event.projectId(), ConversationStatus.OPEN, 1);
    }
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
    int closed =
        jdbc.sql(
                """
            UPDATE conversation_view
               SET status = :status, closed_at = :at, close_reason = :reason, updated_at = :at,
                   version = :version
             WHERE id = :id AND version < :version
            """)
            .param("status", ConversationStatus.CLOSED.name())
            .param("at", time(at))
            .param("reason", event.closeReason())
            .param("version", seq)
            .param("id", event.conversationId())
            .update();
    if (closed == 1) {
      String project =
          jdbc.sql("SELECT project_id FROM conversation_view WHERE id = :id")
              .param("id", event.conversationId())
              .query(String.class)
              .single();
      counts.add(project, ConversationStatus.OPEN, -1);
      counts.add(project, ConversationStatus.CLOSED, 1);
    }
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
    jdbc.sql("DELETE FROM message_view").update();
    jdbc.sql("DELETE FROM conversation_view").update();
    counts.clear();
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
    jdbc.sql(
            """
            INSERT INTO message_view (id, conversation_id, project_id, visitor_id, seq, created_at,
                role, text, status, human_agent_name, human_agent_image, page_url, page_title,
                version)
            SELECT :id, c.id, c.project_id, c.visitor_id, :seq, :at, :role, :text, :status,
                   :agentName, :agentImage, :pageUrl, :pageTitle, :seq
              FROM conversation_view c
             WHERE c.id = :conversation
               AND NOT EXISTS (SELECT 1 FROM message_view WHERE id = :id)
            """)
        .param("id", messageId)
        .param("seq", seq)
        .param("at", time(at))
        .param("role", role.name())
        .param("text", text)
        .param("status", MessageStatus.COMPLETE.name())
        .param("agentName", agent == null ? null : agent.name())
        .param("agentImage", agent == null ? null : agent.image())
        .param("pageUrl", pageUrl)
        .param("pageTitle", pageTitle)
        .param("conversation", conversationId)
        .update();
    jdbc.sql(
            """
            UPDATE conversation_view
               SET last_message_id = :message, last_interaction_at = :at, updated_at = :at,
                   version = :version
             WHERE id = :id AND version < :version
            """)
        .param("message", messageId)
        .param("at", time(at))
        .param("version", seq)
        .param("id", conversationId)
        .update();
  }

  private void setFeedback(
      UUID conversationId, UUID messageId, String feedback, Instant at, long seq) {
    jdbc.sql(
            """
            UPDATE message_view SET feedback = :feedback, feedback_at = :at, version = :version
             WHERE id = :id AND version < :version
            """)
        .param("feedback", feedback)
        .param("at", time(at))
        .param("version", seq)
        .param("id", messageId)
        .update();
    touch(conversationId, seq);
  }

  private void setHumanAgent(UUID conversationId, HumanAgent agent, Instant at, long seq) {
    jdbc.sql(
            """
            UPDATE conversation_view
               SET human_handled = :handled, human_agent_name = :name, human_agent_image = :image,
                   updated_at = :at, version = :version
             WHERE id = :id AND version < :version
            """)
        .param("handled", agent != null)
        .param("name", agent == null ? null : agent.name())
        .param("image", agent == null ? null : agent.image())
        .param("at", time(at))
        .param("version", seq)
        .param("id", conversationId)
        .update();
  }

  /** Feedback is not an interaction with the conversation, but the row must know it was seen. */
  private void touch(UUID conversationId, long seq) {
    jdbc.sql(
            "UPDATE conversation_view SET version = :version WHERE id = :id AND version < :version")
        .param("version", seq)
        .param("id", conversationId)
        .update();
  }
}
