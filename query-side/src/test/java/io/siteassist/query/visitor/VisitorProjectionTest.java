package io.siteassist.query.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteassist.contract.visitor.FindVisitorQuery;
import io.siteassist.contract.visitor.VisitorIds;
import io.siteassist.contract.visitor.VisitorRegisteredEvent;
import io.siteassist.contract.visitor.VisitorType;
import io.siteassist.contract.visitor.VisitorView;
import io.siteassist.query.support.TestDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How visitor registrations shape the visitor read model, and how it answers. */
class VisitorProjectionTest {

  private static final String PROJECT = "p1";
  private static final String DEVICE = "device-1";
  private static final Instant T0 = Instant.parse("2024-01-15T10:30:00Z");

  private final UUID visitorId = VisitorIds.of(PROJECT, DEVICE);

  private TestDatabase db;
  private VisitorProjection projection;
  private VisitorQueries queries;

  @BeforeEach
  void setUp() {
    db = TestDatabase.migrated();
    projection = new VisitorProjection(db.named().getJdbcTemplate());
    queries = new VisitorQueries(db.jdbc());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void a_registered_visitor_is_found_as_anonymous_in_its_project() {
    projection.on(new VisitorRegisteredEvent(visitorId, PROJECT, DEVICE), T0);

    assertThat(queries.handle(new FindVisitorQuery(PROJECT, visitorId)))
        .contains(new VisitorView(visitorId, PROJECT, VisitorType.ANONYMOUS, null, null, null));
  }

  @Test
  void a_registered_visitor_is_not_found_in_another_project() {
    projection.on(new VisitorRegisteredEvent(visitorId, PROJECT, DEVICE), T0);

    assertThat(queries.handle(new FindVisitorQuery("p2", visitorId))).isEmpty();
  }

  @Test
  void an_unknown_visitor_is_not_found() {
    assertThat(queries.handle(new FindVisitorQuery(PROJECT, UUID.randomUUID()))).isEmpty();
  }

  @Test
  void a_repeated_registration_event_is_harmless() {
    projection.on(new VisitorRegisteredEvent(visitorId, PROJECT, DEVICE), T0);
    VisitorView before = queries.handle(new FindVisitorQuery(PROJECT, visitorId)).orElseThrow();

    projection.on(new VisitorRegisteredEvent(visitorId, PROJECT, DEVICE), T0);
    projection.on(new VisitorRegisteredEvent(visitorId, PROJECT, DEVICE), T0.plusSeconds(60));

    assertThat(queries.handle(new FindVisitorQuery(PROJECT, visitorId))).contains(before);
    assertThat(db.count("visitor_view")).isEqualTo(1);
    assertThat(
            db.jdbc()
                .sql("SELECT device_id FROM visitor_view WHERE id = :id")
                .param("id", visitorId)
                .query(String.class)
                .single())
        .isEqualTo(DEVICE);
  }

  @Test
  void visitors_of_several_projects_are_kept_apart() {
    UUID otherVisitorId = VisitorIds.of("p2", DEVICE);
    projection.on(new VisitorRegisteredEvent(visitorId, PROJECT, DEVICE), T0);
    projection.on(new VisitorRegisteredEvent(otherVisitorId, "p2", DEVICE), T0);

    assertThat(queries.handle(new FindVisitorQuery(PROJECT, visitorId)))
        .map(VisitorView::projectId)
        .contains(PROJECT);
    assertThat(queries.handle(new FindVisitorQuery("p2", otherVisitorId)))
        .map(VisitorView::projectId)
        .contains("p2");
    assertThat(queries.handle(new FindVisitorQuery(PROJECT, otherVisitorId))).isEmpty();
  }

  @Test
  void reset_empties_the_table() {
    projection.on(new VisitorRegisteredEvent(visitorId, PROJECT, DEVICE), T0);

    projection.reset();

    assertThat(db.count("visitor_view")).isZero();
    assertThat(queries.handle(new FindVisitorQuery(PROJECT, visitorId))).isEmpty();
  }
}
