package io.siteassist.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database under churn: with every commit written at once, the file stays a small
 * multiple of its data only while the housekeeping runs.
 */
class H2HousekeepingTest {

  private static final Duration EVERY_50_MS = Duration.ofMillis(50);
  private static final int ROWS = 200;
  private static final int COMMITS = 6_000;

  @TempDir Path dir;

  @Test
  void a_file_database_rewritten_commit_by_commit_stays_compact_with_housekeeping()
      throws Exception {
    long without = churn("unattended", false);
    long with = churn("kept", true);

    assertThat(with)
        .as("file size with housekeeping (%d bytes) against without (%d bytes)", with, without)
        .isLessThan(without / 3);
  }

  @Test
  void it_leaves_alone_a_database_that_is_not_a_file_written_at_each_commit() {
    JdbcDataSource memory = new JdbcDataSource();
    memory.setURL("jdbc:h2:mem:housekeeping-test;DB_CLOSE_DELAY=-1");
    H2Housekeeping housekeeping = new H2Housekeeping(memory, EVERY_50_MS);
    housekeeping.afterSingletonsInstantiated();
    assertThat(housekeeping.isActive()).isFalse();

    JdbcDataSource delayed = new JdbcDataSource();
    delayed.setURL("jdbc:h2:file:" + dir.resolve("delayed") + ";WRITE_DELAY=500");
    H2Housekeeping ownWriter = new H2Housekeeping(delayed, EVERY_50_MS);
    ownWriter.afterSingletonsInstantiated();
    assertThat(ownWriter.isActive()).as("H2's own background writer keeps that one").isFalse();
  }

  private long churn(String name, boolean housekeeping) throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0");
    try (Connection keepOpen = dataSource.getConnection()) {
      H2Housekeeping keeper = new H2Housekeeping(dataSource, EVERY_50_MS);
      if (housekeeping) {
        keeper.afterSingletonsInstantiated();
        assertThat(keeper.isActive()).isTrue();
      }
      try {
        rewrite(keepOpen);
      } finally {
        keeper.destroy();
      }
      return Files.size(dir.resolve(name + ".mv.db"));
    }
  }

  /** Every row rewritten again and again, one commit each: nothing grows but the garbage. */
  private static void rewrite(Connection connection) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE t (id INT PRIMARY KEY, payload VARCHAR(2000))");
    }
    connection.setAutoCommit(false);
    try (PreparedStatement merge =
        connection.prepareStatement("MERGE INTO t KEY (id) VALUES (?, ?)")) {
      for (int i = 0; i < COMMITS; i++) {
        merge.setInt(1, i % ROWS);
        merge.setString(2, ("row " + i + " ").repeat(100));
        merge.executeUpdate();
        connection.commit();
      }
    }
  }
}
