package io.siteassist.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Inserts the events straight into Axon's JDBC event store ({@code DomainEventEntry}) in JDBC
 * batches.
 *
 * <p>The rows get explicit global indexes after the highest one present, and the identity is then
 * restarted after them: the same rows the identity would have numbered, without the cost of H2's
 * one-at-a-time identity ({@code CACHE 1}), which makes identity inserts about 5 times slower.
 *
 * <p>The schema must exist (start the service once on the empty database, then stop it: an H2 file
 * is locked while the service runs).
 */
final class JdbcSeedTarget implements SeedTarget {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final String INSERT =
      "INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type,"
          + " eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp)"
          + " VALUES (?, ?, 0, '"
          + EventSeeder.AGGREGATE_TYPE
          + "', ?, ?, ?, '"
          + EventSeeder.PAYLOAD_REVISION
          + "', ?, ?)";

  private static final byte[] EMPTY_META_DATA = "{}".getBytes(StandardCharsets.UTF_8);

  private final String url;
  private final Connection connection;
  private final PreparedStatement insert;
  private final long before;
  private long index;

  JdbcSeedTarget(String url, String user, String password) throws SQLException {
    if (url.startsWith("jdbc:postgresql:") && !url.contains("reWriteBatchedInserts")) {
      url = url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
    this.url = url;
    this.connection = DriverManager.getConnection(url, user, password);
    this.before = count();
    this.index = maxGlobalIndex();
    connection.setAutoCommit(false);
    this.insert = connection.prepareStatement(INSERT);
  }

  @Override
  public long eventsBefore() {
    return before;
  }

  @Override
  public void append(SeedEvent event) throws SQLException {
    insert.setLong(1, ++index);
    insert.setString(2, event.conversationId().toString());
    insert.setString(3, event.eventId().toString());
    insert.setBytes(4, EMPTY_META_DATA);
    insert.setBytes(5, event.payload());
    insert.setString(6, EventSeeder.PAYLOAD_TYPE);
    insert.setString(7, TIMESTAMP.format(event.timestamp()));
    insert.addBatch();
  }

  @Override
  public void endBatch() throws SQLException {
    insert.executeBatch();
    connection.commit();
  }

  @Override
  public String finish() throws SQLException {
    endBatch();
    // the identity goes on after the seeded rows, as if it had handed their indexes out
    try (Statement restart = connection.createStatement()) {
      restart.execute(
          "ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH " + (index + 1));
    }
    connection.commit();
    connection.setAutoCommit(true);
    return "DomainEventEntry rows: " + before + " -> " + count();
  }

  @Override
  public void close() throws SQLException {
    try (connection) {
      insert.close();
      if (url.startsWith("jdbc:h2:") && !connection.isClosed()) {
        // H2's MVStore keeps the space of every batch's superseded chunks: ~8 GB for 1 M rows;
        // compacting on close takes it back to what the rows need (seconds)
        long compacting = System.nanoTime();
        try (Statement shutdown = connection.createStatement()) {
          shutdown.execute("SHUTDOWN COMPACT");
        }
        System.out.printf("H2 compacted in %.1f s%n", (System.nanoTime() - compacting) / 1e9);
      }
    }
  }

  private long maxGlobalIndex() throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private long count() throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT COUNT(*) FROM DomainEventEntry");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new SQLException(
          "DomainEventEntry is not readable: start the service once on this database so that"
              + " Flyway creates the schema, then stop it and seed ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
