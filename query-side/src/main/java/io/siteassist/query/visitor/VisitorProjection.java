package io.siteassist.query.visitor;

import static io.siteassist.query.support.Sql.time;

import io.siteassist.contract.visitor.VisitorRegisteredEvent;
import io.siteassist.contract.visitor.VisitorType;
import io.siteassist.query.support.ReadModelTables;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps the visitor read model; a repeated registration event leaves the row as it was. */
@Component
@ProcessingGroup(VisitorProjection.PROCESSING_GROUP)
class VisitorProjection {

  static final String PROCESSING_GROUP = "visitors";

  private final JdbcClient jdbc;

  private final ReadModelTables tables;

  VisitorProjection(JdbcTemplate jdbc) {
    this.jdbc = JdbcClient.create(jdbc);
    this.tables = new ReadModelTables(jdbc, "visitor_view");
  }

  @EventHandler
  void on(VisitorRegisteredEvent event, @Timestamp Instant at) {
    jdbc.sql(
            """
            INSERT INTO visitor_view (id, project_id, device_id, type, created_at)
            SELECT :id, :project, :device, :type, :at
            WHERE NOT EXISTS (SELECT 1 FROM visitor_view WHERE id = :id)
            """)
        .param("id", event.visitorId())
        .param("project", event.projectId())
        .param("device", event.deviceId())
        .param("type", VisitorType.ANONYMOUS.name())
        .param("at", time(at))
        .update();
  }

  @ResetHandler
  void reset() {
    tables.clear();
  }
}
