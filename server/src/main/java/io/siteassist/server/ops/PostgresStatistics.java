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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's planner statistics of the service's tables current. A replay empties the read
 * models and fills them again with up to millions of rows within a minute or two; with statistics
 * from before (or none, on a server whose autovacuum is off) the planner took a visitor's list of
 * conversations for a scan of the whole project's index, and joined each conversation's last
 * message by a scan of every message: 7 to 10 s a page at 1 000 000 conversations, against 4 to 8
 * ms once the tables were analyzed (docs/benchmarks.md).
 *
 * <p>So, every {@code siteassist.postgres-statistics-interval} (10 s), each table of the current
 * schema that changed by more than autovacuum's own analyze rule allows ({@code
 * autovacuum_analyze_threshold} rows plus {@code autovacuum_analyze_scale_factor} of the table) is
 * analyzed. Autovacuum applies the same rule, but looks only once a minute, and not at all where it
 * is off (as on the server the benchmarks ran against); a table it has just analyzed is not
 * analyzed again here. {@code ANALYZE} reads a sample of a table (0.3 s for a million rows) and
 * blocks neither reads nor writes. Instances sharing a database take turns by an advisory lock per
 * table, and a table that autovacuum is analyzing at that moment is left to the next round instead
 * of waited for.
 */
@Component
class PostgresStatistics implements SmartInitializingSingleton, DisposableBean {

  /** Tables of the current schema changed by more than autovacuum's analyze rule allows. */
  static final String STALE_TABLES =
      """
      SELECT s.relname
        FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
       WHERE s.schemaname = current_schema()
         AND s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8
             + current_setting('autovacuum_analyze_scale_factor')::float8
               * GREATEST(c.reltuples, 0)
       ORDER BY s.n_mod_since_analyze DESC""";

  private static final Logger log = LoggerFactory.getLogger(PostgresStatistics.class);

  private final DataSource dataSource;

  private final Duration interval;

  private volatile ScheduledExecutorService executor;

  private volatile boolean failing;

  PostgresStatistics(
      DataSource dataSource,
      @Value("${siteassist.postgres-statistics-interval:10s}") Duration interval) {
    this.dataSource = dataSource;
    this.interval = interval;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (interval.isZero() || !postgres()) {
      return;
    }
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "postgres-statistics");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::analyzeQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    executor = scheduler;
    log.info("Planner statistics of changed tables checked every {} ms", interval.toMillis());
  }

  /** Whether the upkeep runs (a PostgreSQL database, and an interval other than zero). */
  boolean isActive() {
    return executor != null;
  }

  @Override
  public void destroy() {
    ScheduledExecutorService scheduler = executor;
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Analyzes every table that has changed enough since its statistics were gathered.
   *
   * @return the tables analyzed by this call
   */
  List<String> analyzeStaleTables() throws SQLException {
    List<String> analyzed = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      for (String table : staleTables(connection)) {
        if (analyze(connection, table)) {
          analyzed.add(table);
        }
      }
    }
    return analyzed;
  }

  private void analyzeQuietly() {
    try {
      List<String> analyzed = analyzeStaleTables();
      if (!analyzed.isEmpty()) {
        log.debug("Analyzed {}", analyzed);
      }
      failing = false;
    } catch (SQLException | RuntimeException e) {
      // the next round tries again; a database that stays away is reported once, not every round
      if (!failing) {
        log.warn("Could not update planner statistics: {}", e.toString());
      }
      failing = true;
    }
  }

  private static List<String> staleTables(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(STALE_TABLES)) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  /**
   * {@code ANALYZE} of one table in a transaction of its own, unless another instance holds the
   * table's turn or the table's lock is not free within a second (autovacuum at work on it).
   */
  private static boolean analyze(Connection connection, String table) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      boolean done = false;
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET LOCAL lock_timeout = '1s'");
        if (turn(connection, table)) {
          statement.execute("ANALYZE " + quoted(table));
          done = true;
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        if (!"55P03".equals(e.getSQLState())) { // lock_not_available: next round
          throw e;
        }
      }
      return done;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static boolean turn(Connection connection, String table) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement(
            "SELECT pg_try_advisory_xact_lock(hashtext('siteassist.analyze'), hashtext(?))")) {
      lock.setString(1, table);
      try (ResultSet result = lock.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private boolean postgres() {
    try (Connection connection = dataSource.getConnection()) {
      return connection
          .getMetaData()
          .getDatabaseProductName()
          .toLowerCase(Locale.ROOT)
          .contains("postgres");
    } catch (SQLException | RuntimeException e) {
      log.warn("Could not inspect the database for planner statistics: {}", e.toString());
      return false;
    }
  }
}
