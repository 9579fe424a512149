package io.siteassist.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Appends {@code ConversationStartedEvent}s straight into the service's event store, so that the
 * service builds its read models by processing them: into Axon's JDBC event store ({@code --url},
 * see {@link JdbcSeedTarget}) or into an Axon Server context ({@code --axonserver host:port}, see
 * {@link AxonServerSeedTarget}).
 *
 * <p>Conversation {@code i} belongs to visitor {@code i % visitors}; conversation and visitor ids
 * come from a seeded {@link Random}, so a run is reproducible. The visitor ids are written to
 * {@code --visitors-out}, one a line, visitor 0 first ({@code --visitors-only true} writes only
 * that file, without touching a store). {@code --require-empty true} refuses a store that already
 * holds events. Conversation and event ids are version-7 UUIDs from each event's timestamp ({@code
 * --ids time-ordered}, as the service makes them), or version-4 ones ({@code --ids random}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar:benchmarks/target/lib/* io.siteassist.benchmarks.EventSeeder \
 *   --url jdbc:postgresql://127.0.0.1:5432/db --user postgres --conversations 1000000 --visitors 10000
 * java -cp ... io.siteassist.benchmarks.EventSeeder --axonserver localhost:8124 --context default \
 *   --conversations 1000000 --visitors 10000
 * </pre>
 */
public final class EventSeeder {

  static final String PAYLOAD_TYPE = "io.siteassist.contract.conversation.ConversationStartedEvent";
  static final String PAYLOAD_REVISION = "1";
  static final String AGGREGATE_TYPE = "Conversation";

  private EventSeeder() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    int conversations = Integer.parseInt(opts.getOrDefault("conversations", "1000000"));
    int visitors = Integer.parseInt(opts.getOrDefault("visitors", "10000"));
    int batch = Integer.parseInt(opts.getOrDefault("batch", "5000"));
    String project = opts.getOrDefault("project", "bench");
    boolean timeOrdered =
        switch (opts.getOrDefault("ids", "time-ordered")) {
          case "time-ordered" -> true;
          case "random" -> false;
          default -> throw new IllegalArgumentException("--ids must be time-ordered or random");
        };
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
      return; // only the visitor ids (the harness needs one before the store is seeded)
    }

    boolean requireEmpty = Boolean.parseBoolean(opts.getOrDefault("require-empty", "false"));
    long refused = 0; // the events of a store refused for not being empty
    try (SeedTarget target = target(opts)) {
      long before = target.eventsBefore();
      if (requireEmpty && before > 0) {
        refused = before;
      } else {
        seed(target, random, visitorIds, conversations, batch, project, start, timeOrdered);
      }
    }
    if (refused > 0) {
      System.out.println(refused); // the harness reads the count from this last line
      System.exit(3);
    }
  }

  private static void seed(
      SeedTarget target,
      Random random,
      List<UUID> visitorIds,
      int conversations,
      int batch,
      String project,
      Instant start,
      boolean timeOrdered)
      throws Exception {
    long began = System.nanoTime();
    for (int i = 0; i < conversations; i++) {
      Instant timestamp = start.plusMillis(i);
      UUID conversation =
          timeOrdered ? timeOrderedUuid(random, timestamp.toEpochMilli()) : randomUuid(random);
      UUID eventId =
          timeOrdered
              ? timeOrderedUuid(ThreadLocalRandom.current(), timestamp.toEpochMilli())
              : randomUuid(ThreadLocalRandom.current());
      UUID visitor = visitorIds.get(i % visitorIds.size());
      target.append(
          new SeedTarget.SeedEvent(
              conversation, eventId, payload(conversation, project, visitor), timestamp));
      if ((i + 1) % batch == 0) {
        target.endBatch();
        if ((i + 1) % (batch * 40) == 0) {
          progress(i + 1, conversations, began);
        }
      }
    }
    String store = target.finish();
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf(
        "seeded %d ConversationStartedEvent events for %d visitors in %.1f s (%.0f events/s); %s%n",
        conversations, visitorIds.size(), seconds, conversations / Math.max(seconds, 1e-9), store);
  }

  /** The payload as the service's Jackson serializer writes a ConversationStartedEvent. */
  static byte[] payload(UUID conversation, String project, UUID visitor) {
    return ("{\"conversationId\":\""
            + conversation
            + "\",\"projectId\":\""
            + project
            + "\",\"visitorId\":\""
            + visitor
            + "\",\"pageUrl\":null}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static SeedTarget target(Map<String, String> opts) throws Exception {
    if (opts.containsKey("axonserver")) {
      return new AxonServerSeedTarget(
          required(opts, "axonserver"),
          opts.getOrDefault("context", "default"),
          opts.get("axonserver-token"));
    }
    return new JdbcSeedTarget(
        required(opts, "url"), opts.getOrDefault("user", ""), opts.getOrDefault("password", ""));
  }

  private static void progress(int done, int total, long began) {
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf(
        "  %d / %d events (%.0f events/s)%n", done, total, done / Math.max(seconds, 1e-9));
  }

  /**
   * A version-7 UUID (RFC 9562): the given Unix milliseconds, then random bits from the generator;
   * the service's ids for conversations, messages and events are of this kind.
   */
  static UUID timeOrderedUuid(Random random, long unixMillis) {
    long msb = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
    long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
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
