package io.siteassist.server.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Does for the service's PostgreSQL tables what autovacuum would, by autovacuum's own rules, but
 * every {@code siteassist.postgres-upkeep-interval} (10 s) instead of once a minute, and also on a
 * server whose autovacuum is off (as on the one the benchmarks ran against).
 *
 * <p><b>Statistics.</b> A replay empties the read models and fills them again with up to millions
 * of rows within a minute or two; with the statistics from before (or none) the planner took a
 * visitor's list of conversations for a scan of the whole project's index, and joined each listed
 * conversation's last message by a scan of every message: 7 to 10 s a page at 1 000 000
 * conversations, against 4 to 8 ms once the tables were analyzed (docs/benchmarks.md). A table
 * changed by more than {@code autovacuum_analyze_threshold} rows plus {@code
 * autovacuum_analyze_scale_factor} of the table is analyzed: a sample of it is read (0.3 s for a
 * million rows), blocking neither reads nor writes.
 *
 * <p><b>Dead rows.</b> Every message moves its conversation's {@code last_interaction_at}, so each
 * one leaves a dead row version and a dead entry in the index the project-wide list walks, right
 * where it starts. After 130 000 messages in 50 conversations a list page read 792 index and heap
 * pages instead of 5 (1.1 ms instead of 0.05). A table with more dead rows than {@code
 * autovacuum_vacuum_threshold} plus {@code autovacuum_vacuum_scale_factor} of the table is
 * vacuumed, with its index entries; {@code conversation_view} sets tighter values of its own
 * (migration {@code V8}), which autovacuum follows too.
 *
 * <p>Instances sharing a database take turns by an advisory lock per table, and a table whose lock
 * is not free within a second (autovacuum at work on it) is left to the next round.
 */
@Component
class PostgresUpkeep implements SmartInitializingSingleton, DisposableBean {

  /**
   * Per table of the current schema: whether it changed enough to be analyzed, and whether it has
   * enough dead rows to be vacuumed, by autovacuum's rules (a table's own settings first).
   */
  static final String DUE_TABLES =
      """
      SELECT relname, n_mod_since_analyze > analyze_base + analyze_scale * tuples AS analyze,
             n_dead_tup > vacuum_base + vacuum_scale * tuples AS vacuum
        FROM (SELECT s.relname, s.n_mod_since_analyze, s.n_dead_tup,
                     GREATEST(c.reltuples, 0) AS tuples,
                     COALESCE(o.analyze_base,
                              current_setting('autovacuum_analyze_threshold')::float8)
                       AS analyze_base,
                     COALESCE(o.analyze_scale,
                              current_setting('autovacuum_analyze_scale_factor')::float8)
                       AS analyze_scale,
                     COALESCE(o.vacuum_base,
                              current_setting('autovacuum_vacuum_threshold')::float8)
                       AS vacuum_base,
                     COALESCE(o.vacuum_scale,
                              current_setting('autovacuum_vacuum_scale_factor')::float8)
                       AS vacuum_scale
                FROM pg_stat_user_tables s
                JOIN pg_class c ON c.oid = s.relid
                LEFT JOIN LATERAL (
                  SELECT MAX(option_value) FILTER (
                           WHERE option_name = 'autovacuum_analyze_threshold')::float8
                           AS analyze_base,
                         MAX(option_value) FILTER (
                           WHERE option_name = 'autovacuum_analyze_scale_factor')::float8
                           AS analyze_scale,
                         MAX(option_value) FILTER (
                           WHERE option_name = 'autovacuum_vacuum_threshold')::float8
                           AS vacuum_base,
                         MAX(option_value) FILTER (
                           WHERE option_name = 'autovacuum_vacuum_scale_factor')::float8
                           AS vacuum_scale
                    FROM pg_options_to_table(c.reloptions)) o ON true
               WHERE s.schemaname = current_schema()) t
       WHERE n_mod_since_analyze > analyze_base + analyze_scale * tuples
          OR n_dead_tup > vacuum_base + vacuum_scale * tuples
       ORDER BY relname""";

  private static final Logger log = LoggerFactory.getLogger(PostgresUpkeep.class);

  private final DataSource dataSource;

  private final Duration interval;

  private volatile PeriodicTask task;

  private volatile boolean failing;

  PostgresUpkeep(
      DataSource dataSource,
      @Value("${siteassist.postgres-upkeep-interval:10s}") Duration interval) {
    this.dataSource = dataSource;
    this.interval = interval;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (interval.isZero() || !postgres()) {
      return;
    }
    task = PeriodicTask.start("postgres-upkeep", Duration.ZERO, interval, this::upkeepQuietly);
    log.info("PostgreSQL tables checked for analyze and vacuum every {} ms", interval.toMillis());
  }

  /** Whether the upkeep runs (a PostgreSQL database, and an interval other than zero). */
  boolean isActive() {
    return task != null;
  }

  @Override
  public void destroy() {
    PeriodicTask running = task;
    if (running != null) {
      running.stop();
    }
  }

  /**
   * Vacuums the tables with enough dead rows and analyzes those changed enough (a vacuum analyzes
   * as well where both are due).
   *
   * @return what this call did, as {@code "ANALYZE table"} or {@code "VACUUM table"}
   */
  List<String> upkeep() throws SQLException {
    List<String> done = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true); // VACUUM runs outside a transaction
      for (Due due : dueTables(connection)) {
        String verb = due.vacuum() ? "VACUUM" : "ANALYZE";
        String options = due.vacuum() ? " (INDEX_CLEANUP ON, ANALYZE " + due.analyze() + ")" : "";
        if (run(connection, due.table(), verb + options + " " + quoted(due.table()))) {
          done.add(verb + " " + due.table());
        }
      }
    }
    return done;
  }

  private void upkeepQuietly() {
    try {
      List<String> done = upkeep();
      if (!done.isEmpty()) {
        log.debug("PostgreSQL upkeep: {}", done);
      }
      failing = false;
    } catch (SQLException | RuntimeException e) {
      // the next round tries again; a database that stays away is reported once, not every round
      if (!failing) {
        log.warn("PostgreSQL upkeep failed: {}", e.toString());
      }
      failing = true;
    }
  }

  private record Due(String table, boolean analyze, boolean vacuum) {}

  private static List<Due> dueTables(Connection connection) throws SQLException {
    List<Due> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(DUE_TABLES)) {
      while (rows.next()) {
        tables.add(new Due(rows.getString(1), rows.getBoolean(2), rows.getBoolean(3)));
      }
    }
    return tables;
  }

  /**
   * Runs one table's statement, unless another instance holds the table's turn or the table's lock
   * is not free within a second (autovacuum at work on it): then the next round tries again.
   */
  private static boolean run(Connection connection, String table, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (!turn(connection, table, "pg_try_advisory_lock")) {
        return false;
      }
      try {
        statement.execute("SET lock_timeout = '1s'");
        statement.execute(sql);
        return true;
      } catch (SQLException e) {
        if ("55P03".equals(e.getSQLState())) { // lock_not_available
          return false;
        }
        throw e;
      } finally {
        statement.execute("RESET lock_timeout");
        turn(connection, table, "pg_advisory_unlock");
      }
    }
  }

  /** Takes or gives back a table's turn (a session-level advisory lock). */
  private static boolean turn(Connection connection, String table, String function)
      throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement(
            "SELECT " + function + "(hashtext('siteassist.upkeep'), hashtext(?))")) {
      lock.setString(1, table);
      try (ResultSet result = lock.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Its own check: the server does not see the query side (ArchitectureTest), whose is alike. */
  private boolean postgres() {
    try (Connection connection = dataSource.getConnection()) {
      return connection
          .getMetaData()
          .getDatabaseProductName()
          .toLowerCase(Locale.ROOT)
          .contains("postgres");
    } catch (SQLException | RuntimeException e) {
      log.warn("Could not inspect the database for the PostgreSQL upkeep: {}", e.toString());
      return false;
    }
  }
}
