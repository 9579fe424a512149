package io.siteassist.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteassist.server.e2e.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The upkeep on a real PostgreSQL database with the service's schema: a read model filled since its
 * last analysis gets analyzed, once, and a small change leaves it alone; dead rows past the table's
 * threshold get vacuumed away, with their index entries.
 */
class PostgresUpkeepTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private DataSource dataSource;
  private JdbcTemplate jdbc;
  private PostgresUpkeep upkeep;

  @BeforeEach
  void freshDatabase() {
    TestPostgres.Database database = TestPostgres.freshDatabase();
    dataSource = new DriverManagerDataSource(database.url(), database.user(), "");
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
        .load()
        .migrate();
    jdbc = new JdbcTemplate(dataSource);
    upkeep = new PostgresUpkeep(dataSource, Duration.ofSeconds(10));
  }

  @Test
  void a_read_model_filled_since_its_last_analysis_is_analyzed_once() throws Exception {
    assertThat(upkeep.upkeep()).doesNotContain("ANALYZE conversation_view");

    insertConversations(5_000, 0);
    awaitModifications("conversation_view", 5_000);

    assertThat(upkeep.upkeep()).contains("ANALYZE conversation_view");
    assertThat(
            jdbc.queryForObject(
                "SELECT reltuples FROM pg_class WHERE relname = 'conversation_view'", Long.class))
        .as("rows the planner expects")
        .isEqualTo(5_000L);
    assertThat(
            jdbc.queryForObject(
                "SELECT n_distinct FROM pg_stats"
                    + " WHERE tablename = 'conversation_view' AND attname = 'visitor_id'",
                Double.class))
        .as("visitors the planner expects (500, as a count or as a share of the rows)")
        .satisfiesAnyOf(n -> assertThat(n).isEqualTo(500.0), n -> assertThat(n).isEqualTo(-0.1));
    assertThat(upkeep.upkeep()).doesNotContain("ANALYZE conversation_view");

    insertConversations(10, 5_000);
    awaitModifications("conversation_view", 10);
    assertThat(upkeep.upkeep())
        .as("10 rows more on 5 000 is below autovacuum's rule (50 + 10 %)")
        .doesNotContain("ANALYZE conversation_view");
  }

  @Test
  void conversations_updated_past_their_dead_row_threshold_are_vacuumed() throws Exception {
    insertConversations(5_000, 0);
    awaitModifications("conversation_view", 5_000);
    assertThat(upkeep.upkeep()).containsExactly("ANALYZE conversation_view");

    // 5 000 updates leave 5 000 dead rows: below conversation_view's 10 000 + 2 %
    touchConversations();
    awaitDeadRows(5_000);
    assertThat(upkeep.upkeep()).doesNotContain("VACUUM conversation_view");

    touchConversations();
    touchConversations();
    awaitDeadRows(15_000);
    assertThat(upkeep.upkeep()).contains("VACUUM conversation_view");
    assertThat(
            jdbc.queryForObject(
                "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'conversation_view'",
                Long.class))
        .isZero();
    assertThat(upkeep.upkeep()).doesNotContain("VACUUM conversation_view");
  }

  @Test
  void a_table_whose_turn_another_instance_holds_or_that_autovacuum_is_analyzing_is_skipped()
      throws Exception {
    insertConversations(1_000, 0);
    awaitModifications("conversation_view", 1_000);

    try (Connection other = dataSource.getConnection();
        Statement statement = other.createStatement()) {
      other.setAutoCommit(false);
      statement.execute(
          "SELECT pg_advisory_xact_lock(hashtext('siteassist.upkeep'),"
              + " hashtext('conversation_view'))");
      assertThat(upkeep.upkeep()).doesNotContain("ANALYZE conversation_view");
      other.rollback();

      // what autovacuum (or a manual VACUUM) holds while it works on the table
      statement.execute("LOCK TABLE conversation_view IN SHARE UPDATE EXCLUSIVE MODE");
      assertThat(upkeep.upkeep()).doesNotContain("ANALYZE conversation_view");
      other.rollback();
    }

    assertThat(upkeep.upkeep()).contains("ANALYZE conversation_view");
  }

  @Test
  void the_scheduled_upkeep_runs_on_postgresql_only() throws Exception {
    PostgresUpkeep scheduled = new PostgresUpkeep(dataSource, Duration.ofMillis(100));
    scheduled.afterSingletonsInstantiated();
    try {
      assertThat(scheduled.isActive()).isTrue();
      insertConversations(2_000, 0);
      await(
          "conversation_view analyzed by the schedule",
          () ->
              jdbc.queryForObject(
                      "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables"
                          + " WHERE relname = 'conversation_view'",
                      Boolean.class)
                  && jdbc.queryForObject(
                          "SELECT reltuples FROM pg_class WHERE relname = 'conversation_view'",
                          Long.class)
                      == 2_000L);
    } finally {
      scheduled.destroy();
    }

    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:statistics-test;DB_CLOSE_DELAY=-1");
    PostgresUpkeep onH2 = new PostgresUpkeep(h2, Duration.ofMillis(100));
    onH2.afterSingletonsInstantiated();
    assertThat(onH2.isActive()).isFalse();
  }

  /** Conversations of 500 visitors, from a connection of their own that is closed afterwards. */
  private void insertConversations(int count, int from) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO conversation_view (id, project_id, visitor_id, status, created_at,"
              + " updated_at, last_interaction_at, human_handled, version)"
              + " SELECT gen_random_uuid(), 'p1', md5('visitor' || (i % 500))::uuid, 'OPEN',"
              + " now(), now(), now(), false, 1"
              + " FROM generate_series("
              + (from + 1)
              + ", "
              + (from + count)
              + ") i");
    }
  }

  /** A message's worth of change to every conversation, from a connection of its own. */
  private void touchConversations() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "UPDATE conversation_view SET last_interaction_at = clock_timestamp(),"
              + " updated_at = clock_timestamp(), version = version + 1");
    }
  }

  private void awaitDeadRows(long rows) throws InterruptedException {
    await(
        rows + " dead rows of conversation_view counted",
        () ->
            jdbc.queryForObject(
                    "SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'conversation_view'",
                    Long.class)
                >= rows);
  }

  /** The statistics system learns of a backend's writes a moment after they commit. */
  private void awaitModifications(String table, long rows) throws InterruptedException {
    await(
        rows + " changes of " + table + " counted",
        () ->
            jdbc.queryForObject(
                    "SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = ?",
                    Long.class,
                    table)
                >= rows);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited for: " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
