package io.siteassist.query.visitor;

import static io.siteassist.query.support.Sql.enumOf;
import static io.siteassist.query.support.Sql.uuid;

import io.siteassist.contract.visitor.FindVisitorQuery;
import io.siteassist.contract.visitor.VisitorType;
import io.siteassist.contract.visitor.VisitorView;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers visitor queries, scoped by project: a visitor of another project is not found. */
@Component
class VisitorQueries {

  private final JdbcClient jdbc;

  VisitorQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The visitor, or an empty answer when the read model does not know it (yet). */
  @QueryHandler
  Optional<VisitorView> handle(FindVisitorQuery query) {
    return jdbc.sql(
            """
            SELECT id, project_id, type, external_id, name, avatar_url
              FROM visitor_view WHERE id = :id AND project_id = :project
            """)
        .param("id", query.visitorId())
        .param("project", query.projectId())
        .query(
            (rs, n) ->
                new VisitorView(
                    uuid(rs, "id"),
                    rs.getString("project_id"),
                    enumOf(VisitorType.class, rs.getString("type")),
                    rs.getString("external_id"),
                    rs.getString("name"),
                    rs.getString("avatar_url")))
        .optional();
  }
}
