package io.siteassist.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Appends {@code ConversationStartedEvent} rows straight into Axon's JDBC event store ({@code
 * DomainEventEntry}), so that the service builds its read models by processing them.
 *
 * <p>The rows get explicit global indexes after the highest one present, and the identity is then
 * restarted after them: the same rows the identity would have numbered, without the cost of H2's
 * one-at-a-time identity ({@code CACHE 1}), which makes identity inserts about 5 times slower.
 *
 * <p>The schema must exist (start the service once on the empty database, then stop it: an H2 file
 * is locked while the service runs). Conversation {@code i} belongs to visitor {@code i %
 * visitors}; conversation and visitor ids come from a seeded {@link Random}, so a run is
 * reproducible. The visitor ids are written to {@code --visitors-out}, one a line, visitor 0 first
 * ({@code --visitors-only true} writes only that file, without touching a database).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar:benchmarks/target/lib/* io.siteassist.benchmarks.EventSeeder \
 *   --url jdbc:postgresql://127.0.0.1:5432/db --user postgres --conversations 1000000 --visitors 10000
 * </pre>
 */
public final class EventSeeder {

  static final String PAYLOAD_TYPE = "io.siteassist.contract.conversation.ConversationStartedEvent";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final String INSERT =
      "INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type,"
          + " eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp)"
          + " VALUES (?, ?, 0, 'Conversation', ?, ?, ?, '1', ?, ?)";

  private EventSeeder() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    String user = opts.getOrDefault("user", "");
    String password = opts.getOrDefault("password", "");
    int conversations = Integer.parseInt(opts.getOrDefault("conversations", "1000000"));
    int visitors = Integer.parseInt(opts.getOrDefault("visitors", "10000"));
    int batch = Integer.parseInt(opts.getOrDefault("batch", "5000"));
    String project = opts.getOrDefault("project", "bench");
    Instant start = Instant.parse(opts.getOrDefault("start", "2026-01-01T00:00:00Z"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "42"));
    if (conversations < 0 || visitors < 1 || batch < 1) {
      throw new IllegalArgumentException("need conversations >= 0, visitors >= 1, batch >= 1");
    }

    Random random = new Random(seed);
    List<UUID> visitorIds = new ArrayList<>(visitors);
    for (int v = 0; v < visitors; v++) {
      visitorIds.add(randomUuid(random));
    }
    if (opts.containsKey("visitors-out")) {
      writeLines(Path.of(opts.get("visitors-out")), visitorIds);
    }
    if (Boolean.parseBoolean(opts.getOrDefault("visitors-only", "false"))) {
      return; // only the visitor ids (the harness needs one before the database is seeded)
    }

    String url = required(opts, "url");
    if (url.startsWith("jdbc:postgresql:") && !url.contains("reWriteBatchedInserts")) {
      url = url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
    long began = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      long before = count(connection);
      long index = maxGlobalIndex(connection);
      connection.setAutoCommit(false);
      byte[] metaData = "{}".getBytes(StandardCharsets.UTF_8);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        int inBatch = 0;
        for (int i = 0; i < conversations; i++) {
          UUID conversation = randomUuid(random);
          UUID visitor = visitorIds.get(i % visitors);
          String payload =
              "{\"conversationId\":\""
                  + conversation
                  + "\",\"projectId\":\""
                  + project
                  + "\",\"visitorId\":\""
                  + visitor
                  + "\",\"pageUrl\":null}";
          insert.setLong(1, ++index);
          insert.setString(2, conversation.toString());
          insert.setString(3, randomUuid(ThreadLocalRandom.current()).toString());
          insert.setBytes(4, metaData);
          insert.setBytes(5, payload.getBytes(StandardCharsets.UTF_8));
          insert.setString(6, PAYLOAD_TYPE);
          insert.setString(7, TIMESTAMP.format(start.plusMillis(i)));
          insert.addBatch();
          if (++inBatch == batch) {
            insert.executeBatch();
            connection.commit();
            inBatch = 0;
            if ((i + 1) % (batch * 40) == 0) {
              progress(i + 1, conversations, began);
            }
          }
        }
        if (inBatch > 0) {
          insert.executeBatch();
          connection.commit();
        }
      }
      // the identity goes on after the seeded rows, as if it had handed their indexes out
      try (Statement restart = connection.createStatement()) {
        restart.execute(
            "ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex RESTART WITH " + (index + 1));
      }
      connection.commit();
      connection.setAutoCommit(true);
      long after = count(connection);
      double seconds = (System.nanoTime() - began) / 1e9;
      System.out.printf(
          "seeded %d ConversationStartedEvent rows for %d visitors in %.1f s (%.0f rows/s);"
              + " DomainEventEntry rows: %d -> %d%n",
          conversations, visitors, seconds, conversations / Math.max(seconds, 1e-9), before, after);
      if (url.startsWith("jdbc:h2:")) {
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

  private static void progress(int done, int total, long began) {
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf(
        "  %d / %d rows (%.0f rows/s)%n", done, total, done / Math.max(seconds, 1e-9));
  }

  private static long maxGlobalIndex(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COALESCE(MAX(globalIndex), 0) FROM DomainEventEntry");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static long count(Connection connection) throws SQLException {
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

  /** A version-4 UUID from the given generator (UUID.randomUUID cannot be seeded). */
  static UUID randomUuid(Random random) {
    long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  private static void writeLines(Path file, List<UUID> ids) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    StringBuilder text = new StringBuilder(ids.size() * 37);
    for (UUID id : ids) {
      text.append(id).append('\n');
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String key = arg.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("missing value for --" + key);
      }
      opts.put(key, value);
    }
    return opts;
  }

  private static String required(Map<String, String> opts, String key) {
    String value = opts.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }
}
