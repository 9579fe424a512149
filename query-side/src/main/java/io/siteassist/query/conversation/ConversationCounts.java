package io.siteassist.query.conversation;

import io.siteassist.contract.conversation.ConversationStatus;
import io.siteassist.query.support.DeferredWrites;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-project, per-status conversation counts. A batch of events adds up its changes and writes
 * them once, after the batch's other writes and just before it commits, in one fixed order of rows:
 * every batch that touches the same counters then locks them in the same order, so concurrent
 * segments (or instances) queue behind each other instead of deadlocking.
 */
final class ConversationCounts {

  private static final String RESOURCE = ConversationCounts.class.getName();

  private final JdbcClient jdbc;

  private final DeferredWrites writes;

  /** Counts to read only. */
  ConversationCounts(JdbcClient jdbc) {
    this(jdbc, null);
  }

  ConversationCounts(JdbcClient jdbc, DeferredWrites writes) {
    this.jdbc = jdbc;
    this.writes = writes;
  }

  void add(String projectId, ConversationStatus status, long delta) {
    DeferredWrites.Pending batch = Objects.requireNonNull(writes, "read-only counts").pending();
    if (batch == null) {
      write(Map.of(projectId + "\u0000" + status.name(), delta));
      return;
    }
    Map<String, Long> pending =
        CurrentUnitOfWork.get()
            .root()
            .getOrComputeResource(
                RESOURCE,
                key -> {
                  Map<String, Long> deltas = new TreeMap<>();
                  batch.beforeCommit(() -> write(deltas));
                  return deltas;
                });
    pending.merge(projectId + "\u0000" + status.name(), delta, Long::sum);
  }

  long total(String projectId, ConversationStatus status) {
    String sql =
        status == null
            ? "SELECT COALESCE(SUM(n), 0) FROM conversation_count WHERE project_id = :project"
            : "SELECT COALESCE(SUM(n), 0) FROM conversation_count"
                + " WHERE project_id = :project AND status = :status";
    JdbcClient.StatementSpec statement = jdbc.sql(sql).param("project", projectId);
    if (status != null) {
      statement = statement.param("status", status.name());
    }
    return statement.query(Long.class).single();
  }

  private void write(Map<String, Long> deltas) {
    new TreeMap<>(deltas)
        .forEach(
            (key, delta) -> {
              if (delta == 0) {
                return;
              }
              String project = key.substring(0, key.indexOf('\u0000'));
              String status = key.substring(key.indexOf('\u0000') + 1);
              int updated =
                  jdbc.sql(
                          "UPDATE conversation_count SET n = n + :delta"
                              + " WHERE project_id = :project AND status = :status")
                      .param("delta", delta)
                      .param("project", project)
                      .param("status", status)
                      .update();
              if (updated == 0) {
                jdbc.sql(
                        "INSERT INTO conversation_count (project_id, status, n)"
                            + " VALUES (:project, :status, :delta)")
                    .param("project", project)
                    .param("status", status)
                    .param("delta", delta)
                    .update();
              }
            });
  }
}
